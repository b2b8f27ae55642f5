package io.chanflow.tck;

/** {@code FlowChannels.publish(ctx, channel)}, unbuffered channel: the Reactive Streams API. */
public class ChannelPublisherTckTest extends RsPublisherTck {
    public ChannelPublisherTckTest() {
        super(PublisherKind.CHANNEL_WITH_CONTEXT);
    }
}
