package io.chanflow.tck;

/** {@code FlowChannels.publish(ctx, channel)}, unbuffered channel: the {@code Flow} API. */
public class ChannelPublisherFlowTckTest extends FlowPublisherTck {
    public ChannelPublisherFlowTckTest() {
        super(PublisherKind.CHANNEL_WITH_CONTEXT);
    }
}
