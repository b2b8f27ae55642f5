package io.chanflow.tck;

/** {@code FlowChannels.produce(parent, 16, body)}: the {@code Flow} API. */
public class BufferedProducerPublisherFlowTckTest extends FlowPublisherTck {
    public BufferedProducerPublisherFlowTckTest() {
        super(PublisherKind.PRODUCER_BUFFERED);
    }
}
