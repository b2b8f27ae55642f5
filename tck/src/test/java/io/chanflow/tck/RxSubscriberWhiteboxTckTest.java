package io.chanflow.tck;

/** {@code RxChannels.subscriber(ctx, 0)} (requests one at a time): the subscriber {@code RxChannels.toChannel} subscribes. */
public class RxSubscriberWhiteboxTckTest extends RxWhiteboxTck {
    public RxSubscriberWhiteboxTckTest() {
        super(0);
    }
}
