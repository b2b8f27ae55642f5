package io.chanflow;

import io.chanflow.internal.Failure;
import io.chanflow.internal.Signal;
import java.util.NoSuchElementException;

/**
 * The outcome of a receive that reports closure without an exception: Go's {@code v, ok := <-ch}.
 *
 * <p>Exactly one of three things happened:
 * <ul>
 *   <li>{@link #ok()}: a value was received, and {@link #value()} returns it;</li>
 *   <li>{@link #isClosed()}: the channel is closed and drained; {@link #value()} returns {@code null} (Go's zero
 *       value), and {@link #cause()} the cause if it was closed with one;</li>
 *   <li>{@link #wouldBlock()}: only from {@link ReceiveChannel#tryReceive()} and the timed receive — nothing could
 *       be received now (or before the timeout), and the channel is not closed.</li>
 * </ul>
 *
 * <p>The two no-value outcomes are shared constants, so checking them never allocates.
 *
 * @param <E> the element type
 */
public final class Received<E> {
    private static final Received<?> CLOSED = new Received<>(null, Signal.CLOSED);
    private static final Received<?> NONE = new Received<>(null, Signal.NONE);

    private final E value;
    private final Signal signal; // null when a value was received
    private final Failure failure; // non-null when closed with a cause

    private Received(E value, Signal signal) {
        this(value, signal, null);
    }

    private Received(E value, Signal signal, Failure failure) {
        this.value = value;
        this.signal = signal;
        this.failure = failure;
    }

    /**
     * Maps an engine result (element, {@link Signal#CLOSED}, a {@link Failure} or {@link Signal#NONE}) to a
     * {@code Received}.
     */
    @SuppressWarnings("unchecked")
    static <E> Received<E> of(Object r) {
        if (r instanceof Failure f) {
            return new Received<>(null, Signal.CLOSED, f);
        }
        if (r == Signal.CLOSED) {
            return (Received<E>) CLOSED;
        }
        if (r == Signal.NONE) {
            return (Received<E>) NONE;
        }
        return new Received<>((E) r, null);
    }

    /** Go's {@code ok}: {@code true} iff a value was received. */
    public boolean ok() {
        return signal == null;
    }

    /** {@code true} iff the channel was closed and drained. */
    public boolean isClosed() {
        return signal == Signal.CLOSED;
    }

    /** {@code true} iff nothing could be received without blocking (or within the timeout) on an open channel. */
    public boolean wouldBlock() {
        return signal == Signal.NONE;
    }

    /**
     * The cause the channel was closed with ({@link SendChannel#close(Throwable)}), or {@code null} if a value was
     * received, nothing was, or the channel was closed plainly.
     */
    public Throwable cause() {
        return failure == null ? null : failure.cause;
    }

    /** The received value, or {@code null} when {@link #ok()} is {@code false}. */
    public E value() {
        return value;
    }

    /**
     * The received value.
     *
     * @throws ChannelClosedException if the channel was closed and drained (or the cause it was closed with: see
     *         {@link SendChannel#close(Throwable)})
     * @throws NoSuchElementException if nothing could be received without blocking
     */
    public E orElseThrow() {
        if (failure != null) {
            throw Failure.exception(failure, "receive from closed channel");
        }
        if (signal == Signal.CLOSED) {
            throw new ChannelClosedException("receive from closed channel");
        }
        if (signal == Signal.NONE) {
            throw new NoSuchElementException("no value ready");
        }
        return value;
    }

    @Override
    public String toString() {
        if (failure != null) {
            return "Received[closed: " + failure.cause + "]";
        }
        return signal == null ? "Received[" + value + "]" : signal == Signal.CLOSED ? "Received[closed]" : "Received[none]";
    }
}
