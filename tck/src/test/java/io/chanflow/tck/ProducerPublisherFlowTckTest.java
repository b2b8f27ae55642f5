package io.chanflow.tck;

/** {@code FlowChannels.produce(parent, 0, body)}: the {@code Flow} API. */
public class ProducerPublisherFlowTckTest extends FlowPublisherTck {
    public ProducerPublisherFlowTckTest() {
        super(PublisherKind.PRODUCER_UNBUFFERED);
    }
}
