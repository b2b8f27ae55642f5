package io.chanflow.reactor;

import io.chanflow.flow.ValueProducer;

/**
 * The body of a {@link ReactorChannels#mono mono}: plain blocking code that computes one value — the Flow bridge's
 * {@link ValueProducer}, under the Reactor bridge's name.
 *
 * <p>It runs in its own goroutine, once per subscriber. Returning a value signals it then {@code onComplete};
 * returning {@code null} completes empty; throwing signals {@code onError} with what it threw. When the subscriber
 * cancels, {@code ctx} is cancelled: a body blocked on {@code ctx.done()} (or on an operation given {@code ctx})
 * should stop, and whatever it returns or throws afterwards is dropped (a value to {@code Operators.onDiscard}, a
 * throw other than the cancellation to {@code Hooks.onErrorDropped}). {@code ctx} carries the subscriber's Reactor
 * context: see {@link ReactorChannels}.
 *
 * @param <T> the value's type
 */
@FunctionalInterface
public interface MonoProducer<T> extends ValueProducer<T> {
}
