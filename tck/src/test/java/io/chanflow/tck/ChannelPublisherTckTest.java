package io.chanflow.tck;

/** {@code FlowChannels.publish(channel)}, unbuffered channel: the Reactive Streams API. */
public class ChannelPublisherTckTest extends RsPublisherTck {
    public ChannelPublisherTckTest() {
        super(PublisherKind.CHANNEL);
    }
}
