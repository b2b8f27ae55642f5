package io.chanflow.tck;

/** {@code RxChannels.flowable(parent, 0, body)}: the Flowable the RxJava bridge returns. */
public class RxFlowableProducerTckTest extends RxPublisherTck {
    public RxFlowableProducerTckTest() {
        super(RxPublisherKind.PRODUCER_UNBUFFERED);
    }
}
