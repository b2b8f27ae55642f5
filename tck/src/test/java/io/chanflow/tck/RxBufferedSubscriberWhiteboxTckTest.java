package io.chanflow.tck;

/** {@code RxChannels.subscriber(ctx, 16)} (requests 16 up front): the subscriber {@code RxChannels.toChannel} subscribes. */
public class RxBufferedSubscriberWhiteboxTckTest extends RxWhiteboxTck {
    public RxBufferedSubscriberWhiteboxTckTest() {
        super(16);
    }
}
