package io.chanflow.tck;

import io.chanflow.flow.FlowChannels;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.IdentityFlowProcessorVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeClass;

/** {@link IdentityFlowProcessorVerification} (the {@code Flow} API) of a ChannelProcessor. */
abstract class FlowProcessorTck extends IdentityFlowProcessorVerification<Integer> {
    private final Cleanup cleanup = new Cleanup();
    private ExecutorService executor;

    FlowProcessorTck() {
        super(TckEnvironment.create(), TckEnvironment.PUBLISHER_REFERENCE_GC_TIMEOUT_MILLIS);
    }

    /** {@code bufferSize} is the TCK's: the capacity of the processor's channel. */
    @Override
    protected Flow.Processor<Integer, Integer> createIdentityFlowProcessor(int bufferSize) {
        return FlowChannels.processor(cleanup.context(), bufferSize);
    }

    /** A channel publisher whose context is cancelled before anyone subscribes. */
    @Override
    protected Flow.Publisher<Integer> createFailedFlowPublisher() {
        return FlowChannels.publish(cleanup.cancelledContext(), cleanup.<Integer>channel(0));
    }

    /** Unicast, like every channel publisher. */
    @Override
    public long maxSupportedSubscribers() {
        return 1;
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }

    @BeforeClass
    public void startExecutor() {
        executor = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterClass(alwaysRun = true)
    public void stopExecutor() {
        executor.shutdownNow();
    }

    @Override
    public ExecutorService publisherExecutorService() {
        return executor;
    }

    @AfterMethod(alwaysRun = true)
    public void releaseTestResources() {
        cleanup.run();
    }
}
