package io.chanflow.tck;

import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterMethod;

/** {@link FlowPublisherVerification} (the {@code java.util.concurrent.Flow} API) of one {@link PublisherKind}. */
abstract class FlowPublisherTck extends FlowPublisherVerification<Long> {
    private final PublisherKind kind;
    private final Cleanup cleanup = new Cleanup();

    FlowPublisherTck(PublisherKind kind) {
        super(TckEnvironment.create(), TckEnvironment.PUBLISHER_REFERENCE_GC_TIMEOUT_MILLIS);
        this.kind = kind;
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return kind.create(cleanup, elements);
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return kind.createFailed(cleanup);
    }

    @AfterMethod(alwaysRun = true)
    public void releaseTestResources() {
        cleanup.run();
    }
}
