package io.chanflow.tck;

import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowSubscriberWhiteboxVerification;
import org.testng.annotations.AfterMethod;

/** {@link FlowSubscriberWhiteboxVerification} (the {@code Flow} API) of a ChannelSubscriber. */
abstract class FlowWhiteboxTck extends FlowSubscriberWhiteboxVerification<Integer> {
    private final int capacity;
    private final Cleanup cleanup = new Cleanup();

    FlowWhiteboxTck(int capacity) {
        super(TckEnvironment.create());
        this.capacity = capacity;
    }

    @Override
    protected Flow.Subscriber<Integer> createFlowSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
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
