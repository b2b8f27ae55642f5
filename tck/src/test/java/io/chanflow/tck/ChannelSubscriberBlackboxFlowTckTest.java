package io.chanflow.tck;

/** {@code new ChannelSubscriber(ctx, 0)}, blackbox: the {@code Flow} API. */
public class ChannelSubscriberBlackboxFlowTckTest extends FlowBlackboxTck {
    public ChannelSubscriberBlackboxFlowTckTest() {
        super(0);
    }
}
