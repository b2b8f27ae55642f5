package io.chanflow.context;

/**
 * A context together with its cancel function: what {@link Context#withCancel}, {@link Context#withDeadline} and
 * {@link Context#withTimeout} return (Go returns the pair {@code ctx, cancel}).
 *
 * <p>It is {@link AutoCloseable}: {@link #close()} is {@link #cancel()}, so try-with-resources plays Go's
 * {@code defer cancel()}. Pass it to the code doing the work as a plain {@link Context}; the cancel function
 * belongs to the code that started the work.
 */
public sealed interface CancelContext extends Context, AutoCloseable permits CancelCauseContext {

    /**
     * Cancels this context and everything derived from it: Go's {@code CancelFunc}. If it is not cancelled yet,
     * {@link #err()} becomes {@link Context#CANCELED}, {@link #done()} closes, every derived context is cancelled
     * the same way and every {@link Context#afterFunc} registered on them is started, all before this returns; the
     * context is detached from its parent and its timer is stopped. Does not wait for anything else (after-funcs run
     * in their own goroutines). Idempotent: later calls, and calls after the context was cancelled otherwise, do
     * nothing. Safe to call from any thread.
     */
    void cancel();

    /** {@link #cancel()}, for try-with-resources. */
    @Override
    default void close() {
        cancel();
    }
}
