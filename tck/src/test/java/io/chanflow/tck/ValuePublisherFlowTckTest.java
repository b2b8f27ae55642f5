package io.chanflow.tck;

import io.chanflow.flow.FlowChannels;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterMethod;

/** {@code FlowChannels.value(parent, body)}: the {@code Flow} API (see {@link ValuePublisherTckTest}). */
public class ValuePublisherFlowTckTest extends FlowPublisherVerification<Long> {
    private final Cleanup cleanup = new Cleanup();

    public ValuePublisherFlowTckTest() {
        super(TckEnvironment.create(), TckEnvironment.PUBLISHER_REFERENCE_GC_TIMEOUT_MILLIS);
    }

    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return FlowChannels.value(cleanup.context(), ValuePublisherTckTest.body(elements));
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return FlowChannels.value(cleanup.cancelledContext(), ValuePublisherTckTest.body(1));
    }

    @AfterMethod(alwaysRun = true)
    public void releaseTestResources() {
        cleanup.run();
    }
}
