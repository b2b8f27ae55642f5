package io.chanflow;

import io.chanflow.internal.ContextOps;
import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * The sending side of a channel: Go's {@code chan<- E}.
 *
 * <p>Pass a {@link Channel} as a {@code SendChannel} to give code the right to send and close but not to receive.
 *
 * <h2>Blocking, closing and interruption</h2>
 * <ul>
 *   <li>{@link #send} blocks until a receiver takes the element (unbuffered channel) or there is room in the buffer.
 *       Blocked senders are served in FIFO order.</li>
 *   <li>Sending on a closed channel throws {@link ChannelClosedException} ({@code "send on closed channel"}, where
 *       Go panics), also for a sender that was blocked when the channel was closed.</li>
 *   <li>Every blocking form honours {@link Thread#interrupt()}: it throws {@link InterruptedException} if the
 *       thread is interrupted on entry or while it waits. An element is never lost and never delivered twice: if
 *       the hand-off won the race against the interrupt, the send completes normally and the interrupt flag is
 *       left set; if the send throws, the element was not delivered.</li>
 *   <li>{@code null} elements are rejected with {@link NullPointerException}.</li>
 * </ul>
 *
 * <h2>Memory consistency</h2>
 * Actions before a send happen-before the receive that takes the element completes; actions before
 * {@link #close()} happen-before a receive that reports the closure.
 *
 * @param <E> the element type
 */
public interface SendChannel<E> {

    /**
     * Sends {@code e}, blocking until a receiver takes it or the buffer has room: Go's {@code ch <- e}.
     *
     * @throws ChannelClosedException if the channel is or becomes closed before the element is delivered
     * @throws InterruptedException if interrupted before the element was delivered (it was not)
     * @throws NullPointerException if {@code e} is {@code null}
     */
    void send(E e) throws InterruptedException;

    /**
     * Sends {@code e} only if that needs no waiting: Go's {@code select { case ch <- e: default: }}.
     * Fails only when no receiver waits and the buffer is full; never fails spuriously.
     *
     * @return {@code true} if delivered
     * @throws ChannelClosedException if the channel is closed (Go panics here too)
     * @throws NullPointerException if {@code e} is {@code null}
     */
    boolean trySend(E e);

    /**
     * Sends {@code e}, waiting at most {@code timeout}. A zero or negative timeout never waits: it behaves
     * exactly as {@link #trySend}.
     *
     * @return {@code true} if delivered, {@code false} if the timeout passed first (then nothing was delivered)
     * @throws ChannelClosedException if the channel is or becomes closed before the element is delivered
     * @throws InterruptedException if interrupted before the element was delivered
     */
    boolean send(E e, Duration timeout) throws InterruptedException;

    /**
     * Sends {@code e} unless {@code ctx} is done first: Go's
     * {@code select { case ch <- e: case <-ctx.Done(): return ctx.Err() }} in one call. If the context is already
     * done on entry, nothing is sent and its error is thrown; otherwise, if both become possible at once, one is
     * chosen at random, as Go's select does.
     *
     * @throws CancellationException {@code ctx.err()} ({@code Context.CANCELED} or {@code Context.DEADLINE_EXCEEDED})
     *         if the context was done before the element was delivered (then it was not)
     * @throws ChannelClosedException if the channel is or becomes closed before the element is delivered
     * @throws InterruptedException if interrupted before the element was delivered
     */
    default void send(Done ctx, E e) throws InterruptedException {
        ContextOps.send(this, ctx, e);
    }

    /**
     * Closes the channel: Go's {@code close(ch)}. Blocked receivers wake and see the closure once the buffer is
     * drained; blocked senders wake with {@link ChannelClosedException}. Elements already buffered stay receivable.
     * Does not block.
     *
     * @throws IllegalStateException {@code "close of closed channel"} on a second close (Go panics)
     */
    void close();

    /**
     * Closes the channel with a failure: like {@link #close()}, buffered elements stay receivable, but where a
     * closed channel reports closure by throwing, this one throws {@code cause} — a receive once the buffer is
     * drained, the iterator's {@code hasNext}, a value-only select receive case, and every send. A checked cause
     * comes wrapped in a {@link ChannelClosedException}; {@code receiveOrClosed} and {@code tryReceive} report
     * {@link Received#isClosed()} with {@link Received#cause()}.
     *
     * <p>Go has no such operation: Go passes errors as values ({@code chan Result}) and a Java producer fails by
     * throwing, so this carries the exception of a failed producer (a goroutine, a Reactive Streams
     * {@code onError}) to its consumers without wrapping every element. The exception instance is shared: every
     * consumer that observes it throws the same object.
     *
     * @throws IllegalStateException {@code "close of closed channel"} if already closed (Go panics)
     * @throws NullPointerException if {@code cause} is {@code null}
     */
    void close(Throwable cause);

    /** The number of buffered elements (always 0 for an unbuffered channel): Go's {@code len(ch)}. */
    int len();

    /** The buffer capacity given at creation: Go's {@code cap(ch)}. */
    int cap();
}
