package io.chanflow.tck;

import io.chanflow.Go;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.flow.ChannelSubscriber;
import io.chanflow.rxjava3.RxChannels;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.testng.annotations.AfterMethod;

/**
 * {@link SubscriberBlackboxVerification} of the subscriber behind {@code RxChannels.toChannel}; the TCK's
 * {@code triggerRequest} receives one element from its channel, which is what makes it request more.
 */
abstract class RxBlackboxTck extends SubscriberBlackboxVerification<Integer> {
    private final int capacity;
    private final Cleanup cleanup = new Cleanup();
    private final Map<Object, Context> contexts = new ConcurrentHashMap<>();

    RxBlackboxTck(int capacity) {
        super(TckEnvironment.create());
        this.capacity = capacity;
    }

    @Override
    public Subscriber<Integer> createSubscriber() {
        CancelContext ctx = cleanup.context();
        ChannelSubscriber<Integer> s = RxChannels.subscriber(ctx, capacity);
        contexts.put(s, ctx);
        return s;
    }

    @Override
    public void triggerRequest(Subscriber<? super Integer> subscriber) {
        ChannelSubscriber<?> s = (ChannelSubscriber<?>) subscriber;
        Context ctx = contexts.getOrDefault(s, Context.background());
        Go.go("tck-consumer", () -> {
            try {
                s.channel().receive(ctx);
            } catch (RuntimeException | InterruptedException ended) {
                // Completed, failed or cancelled first: the TCK checks the signals itself.
            }
        });
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }

    @AfterMethod(alwaysRun = true)
    public void releaseTestResources() {
        cleanup.run();
        contexts.clear();
    }
}
