package io.chanflow.tck;

import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.testng.annotations.AfterMethod;

/** {@link PublisherVerification} (the {@code org.reactivestreams} API) of one {@link PublisherKind}. */
abstract class RsPublisherTck extends PublisherVerification<Long> {
    private final PublisherKind kind;
    private final Cleanup cleanup = new Cleanup();

    RsPublisherTck(PublisherKind kind) {
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
