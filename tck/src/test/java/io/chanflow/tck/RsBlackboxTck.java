package io.chanflow.tck;

import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.testng.annotations.AfterMethod;

/** {@link SubscriberBlackboxVerification} (the {@code org.reactivestreams} API) of a ChannelSubscriber. */
abstract class RsBlackboxTck extends SubscriberBlackboxVerification<Integer> {
    private final int capacity;
    private final Cleanup cleanup = new Cleanup();
    private final Consumers consumers = new Consumers(cleanup);

    RsBlackboxTck(int capacity) {
        super(TckEnvironment.create());
        this.capacity = capacity;
    }

    @Override
    public Subscriber<Integer> createSubscriber() {
        return consumers.subscriber(capacity);
    }

    @Override
    public void triggerRequest(Subscriber<? super Integer> subscriber) {
        consumers.receiveOne(subscriber);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }

    @AfterMethod(alwaysRun = true)
    public void releaseTestResources() {
        cleanup.run();
        consumers.clear();
    }
}
