package io.chanflow.tck;

import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberWhiteboxVerification;
import org.testng.annotations.AfterMethod;

/** {@link SubscriberWhiteboxVerification} (the {@code org.reactivestreams} API) of a ChannelSubscriber. */
abstract class RsWhiteboxTck extends SubscriberWhiteboxVerification<Integer> {
    private final int capacity;
    private final Cleanup cleanup = new Cleanup();

    RsWhiteboxTck(int capacity) {
        super(TckEnvironment.create());
        this.capacity = capacity;
    }

    @Override
    public Subscriber<Integer> createSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        return new ProbedSubscriber<>(cleanup, capacity, probe);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }

    @AfterMethod(alwaysRun = true)
    public void releaseTestResources() {
        cleanup.run();
    }
}
