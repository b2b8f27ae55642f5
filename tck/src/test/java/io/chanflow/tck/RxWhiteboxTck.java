package io.chanflow.tck;

import io.chanflow.rxjava3.RxChannels;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberWhiteboxVerification;
import org.testng.annotations.AfterMethod;

/** {@link SubscriberWhiteboxVerification} of the subscriber behind {@code RxChannels.toChannel}. */
abstract class RxWhiteboxTck extends SubscriberWhiteboxVerification<Integer> {
    private final int capacity;
    private final Cleanup cleanup = new Cleanup();

    RxWhiteboxTck(int capacity) {
        super(TckEnvironment.create());
        this.capacity = capacity;
    }

    @Override
    public Subscriber<Integer> createSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        return new ProbedSubscriber<>(cleanup, capacity, probe, RxChannels::subscriber);
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
