package io.chanflow.tck;

/** {@code RxChannels.subscriber(ctx, 0)} (requests one at a time): the subscriber {@code RxChannels.toChannel} subscribes. */
public class RxSubscriberBlackboxTckTest extends RxBlackboxTck {
    public RxSubscriberBlackboxTckTest() {
        super(0);
    }
}
