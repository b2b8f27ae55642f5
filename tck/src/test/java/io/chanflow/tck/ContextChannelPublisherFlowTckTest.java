package io.chanflow.tck;

/** {@code FlowChannels.publish(ctx, channel)}, channel of 8: the {@code Flow} API. */
public class ContextChannelPublisherFlowTckTest extends FlowPublisherTck {
    public ContextChannelPublisherFlowTckTest() {
        super(PublisherKind.CHANNEL_WITH_CONTEXT);
    }
}
