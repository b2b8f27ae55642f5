package io.chanflow.rxjava3;

import io.chanflow.context.Context;

/**
 * The body of a {@link RxChannels#single single} or {@link RxChannels#maybe maybe} builder: plain blocking code that
 * computes one value.
 *
 * <p>It runs in its own goroutine, once per subscriber. {@code ctx} is cancelled when the observer disposes (or
 * when the builder's parent context is), and the body should pass it to its blocking calls
 * ({@code ch.receive(ctx)}, {@code out.send(ctx, v)}) so that it stops; it may end by letting the resulting
 * {@link java.util.concurrent.CancellationException} propagate. Returning signals the value; throwing signals the
 * exception as {@code onError}.
 *
 * @param <T> the value's type
 */
@FunctionalInterface
public interface ContextCallable<T> {
    /** Computes the value, blocking as long as needed; see the interface's contract. */
    T call(Context ctx) throws Exception;
}
