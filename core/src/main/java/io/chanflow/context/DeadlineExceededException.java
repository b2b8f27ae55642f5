package io.chanflow.context;

import java.util.concurrent.CancellationException;

/**
 * The type of {@link Context#DEADLINE_EXCEEDED}, the error of a context whose deadline passed: Go's
 * {@code context.DeadlineExceeded} ({@code "context deadline exceeded"}). It is not a {@link CanceledException}
 * (nor the other way round), as in Go.
 *
 * <p>There is exactly one instance. It is shared by every expired context, so it carries no stack trace and
 * refuses {@link #initCause}; do not {@link #addSuppressed add suppressed exceptions} to it. To report where an
 * expiry was noticed, throw a new exception with this one as its cause.
 */
public final class DeadlineExceededException extends CancellationException {
    private static final long serialVersionUID = 1L;

    DeadlineExceededException() {
        super("context deadline exceeded");
    }

    /** {@code true}: Go's {@code DeadlineExceeded} reports itself as a timeout ({@code Timeout() bool}). */
    public boolean isTimeout() {
        return true;
    }

    /** Does nothing: the shared instance has no stack trace. */
    @Override
    public Throwable fillInStackTrace() {
        return this;
    }

    /** Does nothing: the shared instance has no stack trace. */
    @Override
    public void setStackTrace(StackTraceElement[] stackTrace) {
    }

    /**
     * Refuses: the shared instance cannot be given a cause.
     *
     * @throws IllegalStateException always
     */
    @Override
    public Throwable initCause(Throwable cause) {
        throw new IllegalStateException("context.DeadlineExceeded is shared and cannot be given a cause");
    }

    /** Keeps the instance unique across serialization. */
    private Object readResolve() {
        return Context.DEADLINE_EXCEEDED;
    }
}
