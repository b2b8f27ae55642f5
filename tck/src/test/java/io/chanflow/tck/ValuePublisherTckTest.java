package io.chanflow.tck;

import io.chanflow.context.Context;
import io.chanflow.flow.FlowChannels;
import io.chanflow.flow.ValueProducer;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.testng.annotations.AfterMethod;

/**
 * {@code FlowChannels.value(parent, body)}, the single-value engine behind Reactor's {@code mono} and RxJava's
 * {@code single}/{@code maybe}/{@code completable}: the {@code org.reactivestreams} API. One element at most; in error
 * state the parent context is cancelled before anyone subscribes, and the body throws its error.
 */
public class ValuePublisherTckTest extends PublisherVerification<Long> {
    private final Cleanup cleanup = new Cleanup();

    public ValuePublisherTckTest() {
        super(TckEnvironment.create(), TckEnvironment.PUBLISHER_REFERENCE_GC_TIMEOUT_MILLIS);
    }

    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return FlowChannels.value(cleanup.context(), body(elements));
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return FlowChannels.value(cleanup.cancelledContext(), body(1));
    }

    @AfterMethod(alwaysRun = true)
    public void releaseTestResources() {
        cleanup.run();
    }

    /** A body returning one value ({@code elements == 1}) or none, or throwing its context's error if it is done. */
    static ValueProducer<Long> body(long elements) {
        return (Context ctx) -> {
            if (ctx.err() != null) {
                throw ctx.err();
            }
            return elements == 0 ? null : 42L;
        };
    }
}
