package io.chanflow.examples.webflux;

import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The server's base context: the parent of every goroutine context the endpoints make, cancelled when the
 * application stops. Go servers do the same with {@code http.Server.BaseContext}.
 *
 * <p>It is stopped first of all lifecycle beans (phase {@link SmartLifecycle#DEFAULT_PHASE}, above the web server's
 * graceful shutdown): by the time the web server waits for open responses to finish, every body's context is
 * cancelled and every stream has ended, so an endless {@code /events} stream does not hold the shutdown for the
 * grace period. How each endpoint ends on that cancellation is its own choice: {@code /events} completes its
 * stream, {@code /squares} fails its response (Reactor Netty closes the connection, and logs it).
 *
 * <p>One-shot: once stopped, the context stays cancelled; a restarted lifecycle would serve every request a
 * cancelled context.
 */
@Component
final class ServerContext implements SmartLifecycle {
    private final CancelContext ctx = Context.withCancel(Context.background());
    private volatile boolean running;

    ServerContext() {
    }

    /** The context to derive request contexts from; done once the application stops. */
    Context context() {
        return ctx;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Cancels the base context, so every goroutine body derived from it sees {@code ctx.done()}. */
    @Override
    public void stop() {
        ctx.cancel();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
