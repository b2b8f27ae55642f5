package io.chanflow.tck;

import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.AfterMethod;

/** {@link FlowSubscriberBlackboxVerification} (the {@code Flow} API) of a ChannelSubscriber. */
abstract class FlowBlackboxTck extends FlowSubscriberBlackboxVerification<Integer> {
    private final int capacity;
    private final Cleanup cleanup = new Cleanup();
    private final Consumers consumers = new Consumers(cleanup);

    FlowBlackboxTck(int capacity) {
        super(TckEnvironment.create());
        this.capacity = capacity;
    }

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        return consumers.subscriber(capacity);
    }

    @Override
    public void triggerFlowRequest(Flow.Subscriber<? super Integer> subscriber) {
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
