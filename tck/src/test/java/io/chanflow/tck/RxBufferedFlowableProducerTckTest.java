package io.chanflow.tck;

/** {@code RxChannels.flowable(parent, 16, body)}: the Flowable the RxJava bridge returns. */
public class RxBufferedFlowableProducerTckTest extends RxPublisherTck {
    public RxBufferedFlowableProducerTckTest() {
        super(RxPublisherKind.PRODUCER_BUFFERED);
    }
}
