package io.chanflow;

import java.util.Iterator;

/**
 * An iterator over the values received from a channel: Go's {@code for v := range ch}.
 *
 * <p>{@link #hasNext()} blocks until a value can be received (and then receives it) or the channel is closed and
 * drained (then it returns {@code false}, forever). If the waiting thread is interrupted it throws
 * {@link ChannelInterruptedException} with the interrupt flag set again.
 *
 * <p>{@link #close()} ends the iteration early: afterwards {@link #hasNext()} returns {@code false} and nothing
 * more is received. It does not close the channel (in Go, closing is the sender's job). A value that
 * {@link #hasNext()} already received but {@link #next()} has not yet returned is dropped by {@code close()}.
 * Use it with try-with-resources when a loop may stop before the channel closes.
 *
 * <p>An iterator is meant for one goroutine; several goroutines should each take their own iterator (or call
 * {@code receive}) to share a channel's values.
 *
 * @param <E> the element type
 */
public interface ChannelIterator<E> extends Iterator<E>, AutoCloseable {
    /** Ends the iteration; idempotent. Never throws. */
    @Override
    void close();
}
