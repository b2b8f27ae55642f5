package io.chanflow.tck;

/** {@code FlowChannels.produce(parent, 0, body)}: the Reactive Streams API. */
public class ProducerPublisherTckTest extends RsPublisherTck {
    public ProducerPublisherTckTest() {
        super(PublisherKind.PRODUCER_UNBUFFERED);
    }
}
