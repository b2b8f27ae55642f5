package io.chanflow.tck;

/** {@code RxChannels.flowable(channel)}: the Flowable the RxJava bridge returns. */
public class RxAsFlowableTckTest extends RxPublisherTck {
    public RxAsFlowableTckTest() {
        super(RxPublisherKind.CHANNEL);
    }
}
