package io.chanflow.internal;

import io.chanflow.ChannelClosedException;

/**
 * The closure marker of a channel closed with a cause ({@link io.chanflow.SendChannel#close(Throwable)}): where the engine
 * reports {@link Signal#CLOSED} for a plain close, it reports the channel's {@code Failure} instead.
 *
 * <p>Java expresses failure with exceptions where Go passes error values, so an operation that a closed channel
 * makes impossible throws the cause itself when it is unchecked, and a {@link ChannelClosedException} carrying it
 * when it is checked (a blocking method cannot throw an arbitrary checked exception).
 */
public final class Failure {
    public final Throwable cause;

    public Failure(Throwable cause) {
        this.cause = cause;
    }

    /** {@code true} iff an engine result reports closure, plain or with a cause. */
    public static boolean isClosure(Object r) {
        return r == Signal.CLOSED || r instanceof Failure;
    }

    /** The exception for an operation that closure {@code r} makes impossible, with Go's message {@code what}. */
    public static RuntimeException exception(Object r, String what) {
        if (r instanceof Failure f) {
            if (f.cause instanceof RuntimeException re) {
                return re;
            }
            if (f.cause instanceof Error err) {
                throw err;
            }
            return new ChannelClosedException(what + " (closed with " + f.cause + ")", f.cause);
        }
        return new ChannelClosedException(what);
    }
}
