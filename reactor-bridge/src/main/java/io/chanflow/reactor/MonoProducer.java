package io.chanflow.reactor;

import io.chanflow.context.Context;

/**
 * The body of a {@link ReactorChannels#mono mono}: plain blocking code that computes one value.
 *
 * <p>It runs in its own goroutine, once per subscriber. Returning a value signals it then {@code onComplete};
 * returning {@code null} completes empty; throwing signals {@code onError} with what it threw. When the subscriber
 * cancels, {@code ctx} is cancelled: a body blocked on {@code ctx.done()} (or on an operation given {@code ctx})
 * should stop, and whatever it returns or throws afterwards is dropped (a throw other than the cancellation goes to
 * {@code Hooks.onErrorDropped}). {@code ctx} carries the subscriber's Reactor context: see {@link ReactorChannels}.
 *
 * @param <T> the value's type
 */
@FunctionalInterface
public interface MonoProducer<T> {
    /** Computes the value, or {@code null} for none; see the interface's contract. */
    T produce(Context ctx) throws Exception;
}
