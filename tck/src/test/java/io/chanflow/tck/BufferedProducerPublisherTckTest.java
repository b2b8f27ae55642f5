package io.chanflow.tck;

/** {@code FlowChannels.produce(parent, 16, body)}: the Reactive Streams API. */
public class BufferedProducerPublisherTckTest extends RsPublisherTck {
    public BufferedProducerPublisherTckTest() {
        super(PublisherKind.PRODUCER_BUFFERED);
    }
}
