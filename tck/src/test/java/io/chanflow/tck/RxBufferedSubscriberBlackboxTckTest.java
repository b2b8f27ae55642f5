package io.chanflow.tck;

/** {@code RxChannels.subscriber(ctx, 16)} (requests 16 up front): the subscriber {@code RxChannels.toChannel} subscribes. */
public class RxBufferedSubscriberBlackboxTckTest extends RxBlackboxTck {
    public RxBufferedSubscriberBlackboxTckTest() {
        super(16);
    }
}
