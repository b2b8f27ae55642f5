package io.chanflow.tck;

/** {@code FlowChannels.publish(ctx, channel)}, channel of 8: the Reactive Streams API. */
public class ContextChannelPublisherTckTest extends RsPublisherTck {
    public ContextChannelPublisherTckTest() {
        super(PublisherKind.CHANNEL_WITH_CONTEXT);
    }
}
