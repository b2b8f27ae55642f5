package io.chanflow.flow;

import io.chanflow.SendChannel;
import io.chanflow.context.Context;

/**
 * The body of a {@link FlowChannels#produce producer}: plain blocking code that sends elements to {@code out}.
 *
 * <p>It runs in its own goroutine, once per subscriber. {@code out.send} blocks while the subscriber has no demand
 * and the channel's buffer is full. Returning completes the stream ({@code onComplete}); throwing fails it
 * ({@code onError}). When the subscriber cancels, or {@code ctx}'s parent is cancelled, {@code ctx} is cancelled and
 * {@code out} is closed with {@code ctx.err()}: a blocked {@code send} wakes and throws that
 * {@link java.util.concurrent.CancellationException}, which the body should let propagate (or return). The body may
 * close {@code out} itself to complete early; it need not.
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface Producer<T> {
    /** Produces elements to {@code out} until done; see the interface's contract. */
    void produce(Context ctx, SendChannel<T> out) throws Exception;
}
