package io.chanflow.tck;

/** {@code new ChannelSubscriber(ctx, 16)} (16 up front, 12 more per 12 received), whitebox: the {@code Flow} API. */
public class BufferedChannelSubscriberWhiteboxFlowTckTest extends FlowWhiteboxTck {
    public BufferedChannelSubscriberWhiteboxFlowTckTest() {
        super(16);
    }
}
