package io.chanflow.tck;

/** {@code new ChannelSubscriber(ctx, 0)} (requests one at a time), whitebox: the Reactive Streams API. */
public class ChannelSubscriberWhiteboxTckTest extends RsWhiteboxTck {
    public ChannelSubscriberWhiteboxTckTest() {
        super(0);
    }
}
