package io.chanflow.tck;

/** {@code new ChannelSubscriber(ctx, 0)}, blackbox: the Reactive Streams API. */
public class ChannelSubscriberBlackboxTckTest extends RsBlackboxTck {
    public ChannelSubscriberBlackboxTckTest() {
        super(0);
    }
}
