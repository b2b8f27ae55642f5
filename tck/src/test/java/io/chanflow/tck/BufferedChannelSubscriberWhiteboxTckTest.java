package io.chanflow.tck;

/** {@code new ChannelSubscriber(ctx, 16)} (16 up front, 12 more per 12 received), whitebox: the Reactive Streams API. */
public class BufferedChannelSubscriberWhiteboxTckTest extends RsWhiteboxTck {
    public BufferedChannelSubscriberWhiteboxTckTest() {
        super(16);
    }
}
