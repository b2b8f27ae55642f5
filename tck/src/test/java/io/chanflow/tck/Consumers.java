package io.chanflow.tck;

import io.chanflow.Go;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.flow.ChannelSubscriber;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blackbox subscribers of one verification class, and what the TCK's {@code triggerRequest} does with them:
 * what a consumer does.
 */
final class Consumers {
    private final Cleanup cleanup;
    private final Map<Object, Context> contexts = new ConcurrentHashMap<>();

    Consumers(Cleanup cleanup) {
        this.cleanup = cleanup;
    }

    /** A subscriber into a channel of {@code capacity}, with a context the test's cleanup cancels. */
    <T> ChannelSubscriber<T> subscriber(int capacity) {
        CancelContext ctx = cleanup.context();
        ChannelSubscriber<T> s = new ChannelSubscriber<>(ctx, capacity);
        contexts.put(s, ctx);
        return s;
    }

    /**
     * Receives one element from the subscriber's channel in a goroutine: a buffer slot frees up, and the subscriber
     * requests again once enough have (at once for capacity 0 or 1). The receive gives up when the subscriber's
     * context is cancelled, as the test's cleanup does, even if the subscriber was never subscribed.
     */
    void receiveOne(Object subscriber) {
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

    /** Forgets the finished test's subscribers. */
    void clear() {
        contexts.clear();
    }
}
