package io.chanflow.tck;

import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.testng.annotations.AfterMethod;

/** {@link PublisherVerification} of one {@link RxPublisherKind}: the RxJava bridge's {@code Flowable}s. */
abstract class RxPublisherTck extends PublisherVerification<Long> {
    private final RxPublisherKind kind;
    private final Cleanup cleanup = new Cleanup();

    RxPublisherTck(RxPublisherKind kind) {
        super(TckEnvironment.create(), TckEnvironment.PUBLISHER_REFERENCE_GC_TIMEOUT_MILLIS);
        this.kind = kind;
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return kind.create(cleanup, elements);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return kind.createFailed(cleanup);
    }

    @AfterMethod(alwaysRun = true)
    public void releaseTestResources() {
        cleanup.run();
    }
}
