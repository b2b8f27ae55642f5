package io.chanflow.tck;

/** {@code RxChannels.flowable(ctx, channel)}: the Flowable the RxJava bridge returns. */
public class RxAsFlowableWithContextTckTest extends RxPublisherTck {
    public RxAsFlowableWithContextTckTest() {
        super(RxPublisherKind.CHANNEL_WITH_CONTEXT);
    }
}
