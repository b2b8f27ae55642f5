package io.chanflow.tck;

/** {@code new ChannelSubscriber(ctx, 0)} (requests one at a time), whitebox: the {@code Flow} API. */
public class ChannelSubscriberWhiteboxFlowTckTest extends FlowWhiteboxTck {
    public ChannelSubscriberWhiteboxFlowTckTest() {
        super(0);
    }
}
