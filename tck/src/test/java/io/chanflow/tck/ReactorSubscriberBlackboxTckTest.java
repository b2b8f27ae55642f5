package io.chanflow.tck;

import io.chanflow.Go;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.reactor.ReactorChannelSubscriber;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.testng.annotations.AfterMethod;

/**
 * {@link SubscriberBlackboxVerification} of {@link ReactorChannelSubscriber} with capacity 0 (requests one at a
 * time); {@code triggerRequest} receives one element from its channel in a goroutine.
 */
public class ReactorSubscriberBlackboxTckTest extends SubscriberBlackboxVerification<Integer> {
    private final Cleanup cleanup = new Cleanup();
    private final Map<Object, Context> contexts = new ConcurrentHashMap<>();

    public ReactorSubscriberBlackboxTckTest() {
        super(TckEnvironment.create());
    }

    @Override
    public Subscriber<Integer> createSubscriber() {
        CancelContext ctx = cleanup.context();
        ReactorChannelSubscriber<Integer> s = new ReactorChannelSubscriber<>(ctx, 0);
        contexts.put(s, ctx);
        return s;
    }

    @Override
    public void triggerRequest(Subscriber<? super Integer> subscriber) {
        ReactorChannelSubscriber<?> s = (ReactorChannelSubscriber<?>) subscriber;
        Context ctx = contexts.getOrDefault(s, Context.background());
        Go.go("tck-consumer", () -> {
            try {
                s.channel().receive(ctx);
            } catch (RuntimeException | InterruptedException ended) {
                // completed, failed or cancelled first: the TCK checks the signals itself
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
