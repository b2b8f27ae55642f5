package io.chanflow;

import java.util.NoSuchElementException;

/**
 * The outcome of a receive that reports closure without an exception: Go's {@code v, ok := <-ch}.
 *
 * <p>Exactly one of three things happened:
 * <ul>
 *   <li>{@link #ok()}: a value was received, and {@link #value()} returns it;</li>
 *   <li>{@link #isClosed()}: the channel is closed and drained; {@link #value()} returns {@code null} (Go's zero
 *       value);</li>
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

    private Received(E value, Signal signal) {
        this.value = value;
        this.signal = signal;
    }

    /** Maps an engine result (element, {@link Signal#CLOSED} or {@link Signal#NONE}) to a {@code Received}. */
    @SuppressWarnings("unchecked")
    static <E> Received<E> of(Object r) {
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

    /** The received value, or {@code null} when {@link #ok()} is {@code false}. */
    public E value() {
        return value;
    }

    /**
     * The received value.
     *
     * @throws ChannelClosedException if the channel was closed and drained
     * @throws NoSuchElementException if nothing could be received without blocking
     */
    public E orElseThrow() {
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
        return signal == null ? "Received[" + value + "]" : signal == Signal.CLOSED ? "Received[closed]" : "Received[none]";
    }
}
