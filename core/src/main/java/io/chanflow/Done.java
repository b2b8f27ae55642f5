package io.chanflow;

import java.util.concurrent.CancellationException;

/**
 * The part of a context that channel operations need: a channel that closes when the work should stop, and the
 * reason once it has. {@link io.chanflow.context.Context} extends it, so {@code ch.receive(ctx)},
 * {@code ch.send(ctx, v)} and {@code Go.go(ctx, task)} take any context.
 *
 * <p>It exists so that the channel API does not depend on the {@code context} package, which is built on channels:
 * Go's {@code chan} is part of the language and {@code context} a library above it, and the same layering holds
 * here. User code rarely names this type; it names {@code Context}.
 */
public interface Done {
    /**
     * A channel that is closed when the work should stop: Go's {@code ctx.Done()}. Nothing is ever sent on it.
     * {@link Channel#nil()} if that can never happen. Repeated calls return the same channel.
     */
    ReceiveChannel<Void> done();

    /**
     * {@code null} while {@link #done()} is open; once it is closed, why. Once non-{@code null}, repeated calls
     * return the same value. {@link #done()} is closed after this became non-{@code null}.
     */
    CancellationException err();
}
