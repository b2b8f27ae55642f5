package io.chanflow.tck;

/** {@code new ChannelSubscriber(ctx, 16)}, blackbox: the {@code Flow} API. */
public class BufferedChannelSubscriberBlackboxFlowTckTest extends FlowBlackboxTck {
    public BufferedChannelSubscriberBlackboxFlowTckTest() {
        super(16);
    }
}
