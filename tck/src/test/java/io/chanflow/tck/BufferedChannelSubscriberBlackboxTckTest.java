package io.chanflow.tck;

/** {@code new ChannelSubscriber(ctx, 16)}, blackbox: the Reactive Streams API. */
public class BufferedChannelSubscriberBlackboxTckTest extends RsBlackboxTck {
    public BufferedChannelSubscriberBlackboxTckTest() {
        super(16);
    }
}
