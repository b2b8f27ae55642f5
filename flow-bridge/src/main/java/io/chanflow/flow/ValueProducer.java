package io.chanflow.flow;

import io.chanflow.context.Context;

/**
 * The body of a single-value builder ({@link FlowChannels#value}, Reactor's {@code mono}, RxJava's {@code single},
 * {@code maybe} and {@code completable}): plain blocking code that computes at most one value.
 *
 * <p>It runs in its own goroutine, once per subscriber. Returning a value signals it (once requested), then
 * {@code onComplete}; returning {@code null} completes empty; throwing signals {@code onError} with what it threw.
 * When the subscriber cancels, {@code ctx} is cancelled: a body blocked on {@code ctx.done()}, or on an operation
 * given {@code ctx}, should stop, and may end by letting the resulting {@link java.util.concurrent.CancellationException}
 * propagate. Whatever it returns or throws after the cancel is not signalled: a value goes to the discard hook, an
 * exception other than the cancellation to the error hook.
 *
 * @param <T> the value's type
 */
@FunctionalInterface
public interface ValueProducer<T> {
    /** Computes the value, or {@code null} for none; see the interface's contract. */
    T produce(Context ctx) throws Exception;
}
