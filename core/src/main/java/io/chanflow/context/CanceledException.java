package io.chanflow.context;

import java.util.concurrent.CancellationException;

/**
 * The type of {@link Context#CANCELED}, the error of a context cancelled by a cancel function: Go's
 * {@code context.Canceled} ({@code "context canceled"}).
 *
 * <p>There is exactly one instance. It is shared by every cancelled context, so it carries no stack trace and
 * refuses {@link #initCause}; do not {@link #addSuppressed add suppressed exceptions} to it (Java offers no way to
 * forbid that). To report where a cancellation was noticed, throw a new exception with this one as its cause.
 */
public final class CanceledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    CanceledException() {
        super("context canceled");
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
        throw new IllegalStateException("context.Canceled is shared and cannot be given a cause");
    }

    /** Keeps the instance unique across serialization. */
    private Object readResolve() {
        return Context.CANCELED;
    }
}
