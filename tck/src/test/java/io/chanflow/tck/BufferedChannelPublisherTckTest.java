package io.chanflow.tck;

/** {@code FlowChannels.publish(channel)}, channel of 8: the Reactive Streams API. */
public class BufferedChannelPublisherTckTest extends RsPublisherTck {
    public BufferedChannelPublisherTckTest() {
        super(PublisherKind.CHANNEL_BUFFERED);
    }
}
