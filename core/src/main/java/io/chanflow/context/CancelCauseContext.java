package io.chanflow.context;

/**
 * A context whose cancel function records a cause: what {@link Context#withCancelCause} returns (Go's
 * {@code ctx, CancelCauseFunc}).
 */
public sealed interface CancelCauseContext extends CancelContext permits CancelCtx {

    /**
     * Cancels like {@link #cancel()}, and records {@code cause} as the reason: {@link Context#cause(Context)} of
     * this context and of every context cancelled with it returns {@code cause}, while {@link #err()} is
     * {@link Context#CANCELED}. A {@code null} cause means {@link Context#CANCELED}. Does nothing if the context is
     * already cancelled (the first cause stays).
     */
    void cancel(Throwable cause);

    /** {@code cancel(null)}. */
    @Override
    void cancel();
}
