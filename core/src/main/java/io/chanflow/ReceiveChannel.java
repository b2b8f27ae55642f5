package io.chanflow;

import io.chanflow.internal.ContextOps;
import io.chanflow.internal.Failure;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * The receiving side of a channel: Go's {@code <-chan E}.
 *
 * <p>Pass a {@link Channel} as a {@code ReceiveChannel} to give code the right to receive but not to send or close.
 *
 * <h2>Receive forms</h2>
 * <table>
 *   <caption>Go receive forms and their Java counterparts</caption>
 *   <tr><th>Go</th><th>Chanflow</th><th>closed and drained</th></tr>
 *   <tr><td>{@code v := <-ch}</td><td>{@link #receive()}</td><td>throws {@link ChannelClosedException}</td></tr>
 *   <tr><td>{@code v, ok := <-ch}</td><td>{@link #receiveOrClosed()}</td><td>{@link Received#isClosed()}</td></tr>
 *   <tr><td>{@code select { case v, ok := <-ch: default: }}</td><td>{@link #tryReceive()}</td>
 *       <td>{@link Received#isClosed()}; nothing ready: {@link Received#wouldBlock()}</td></tr>
 *   <tr><td>{@code select} with {@code time.After}</td><td>{@link #receive(Duration)}</td>
 *       <td>{@link Received#isClosed()}; timeout: {@link Received#wouldBlock()}</td></tr>
 *   <tr><td>{@code for v := range ch}</td><td>{@code for (E v : ch)}, {@link #iterator()}, {@link #stream()}</td>
 *       <td>the loop ends</td></tr>
 * </table>
 *
 * <h2>Blocking, closing and interruption</h2>
 * <ul>
 *   <li>A receive blocks until a value is there; blocked receivers are served in FIFO order, and buffered values
 *       are received in the order they were sent.</li>
 *   <li>After a close, values already buffered are still received; then every receive reports the closure,
 *       forever.</li>
 *   <li>Every blocking form honours {@link Thread#interrupt()} with {@link InterruptedException} (the iterator and
 *       stream with {@link ChannelInterruptedException}). A value is never lost: if a sender's hand-off won the race
 *       against the interrupt, the receive returns the value and leaves the interrupt flag set.</li>
 * </ul>
 *
 * <h2>Memory consistency</h2>
 * A send happens-before the receive that completes it; a close happens-before a receive that reports closure;
 * on a channel of capacity C, the k-th receive happens-before the (k+C)-th send completes.
 *
 * @param <E> the element type
 */
public interface ReceiveChannel<E> extends Iterable<E> {

    /**
     * Receives a value, blocking until one is there: Go's {@code v := <-ch}.
     *
     * @throws ChannelClosedException if the channel is closed and drained
     * @throws InterruptedException if interrupted before a value was received
     */
    E receive() throws InterruptedException;

    /**
     * Receives a value or learns that the channel is closed and drained, blocking until one of the two: Go's
     * {@code v, ok := <-ch}. Never throws for closure.
     *
     * @return a {@link Received} that is {@link Received#ok()} or {@link Received#isClosed()}
     * @throws InterruptedException if interrupted before a value was received
     */
    Received<E> receiveOrClosed() throws InterruptedException;

    /**
     * Receives a value unless {@code ctx} is done first: Go's
     * {@code select { case v := <-ch: case <-ctx.Done(): return ctx.Err() }} in one call. If the context is already
     * done on entry, nothing is received and its error is thrown; otherwise, if both are possible at once, one is
     * chosen at random, as Go's select does.
     *
     * @throws CancellationException {@code ctx.err()} if the context was done before a value was received
     * @throws ChannelClosedException if the channel is closed and drained
     * @throws InterruptedException if interrupted before a value was received
     */
    @SuppressWarnings("unchecked")
    default E receive(Done ctx) throws InterruptedException {
        Object r = ContextOps.receive(this, ctx);
        if (Failure.isClosure(r)) {
            throw Failure.exception(r, "receive from closed channel");
        }
        return (E) r;
    }

    /**
     * Receives a value, or learns that the channel is closed and drained, unless {@code ctx} is done first: Go's
     * {@code select { case v, ok := <-ch: case <-ctx.Done(): return ctx.Err() }}.
     *
     * @throws CancellationException {@code ctx.err()} if the context was done before a value was received
     * @throws InterruptedException if interrupted before a value was received
     */
    default Received<E> receiveOrClosed(Done ctx) throws InterruptedException {
        return Received.of(ContextOps.receive(this, ctx));
    }

    /**
     * Receives a value only if that needs no waiting. Never fails spuriously: it reports
     * {@link Received#wouldBlock()} only when no value is buffered, no sender waits and the channel is open.
     */
    Received<E> tryReceive();

    /**
     * Receives, without blocking, up to {@code max} values that are ready now — buffered, or held by blocked
     * senders, who are released as in {@link #tryReceive()} — and adds them to {@code into} in the order they would
     * have been received one by one: {@link java.util.concurrent.BlockingQueue#drainTo(Collection, int)} for a
     * channel. It takes the channel's lock once per few dozen values instead of once per value, so a consumer that
     * handles values in batches pays much less for contention.
     *
     * <p>Go has no such form; it is {@code tryReceive} in a loop that stops at the first value not ready, done
     * atomically in chunks. Values received are the caller's: if {@code into.add} throws, the values not yet added
     * are lost, so pass a collection that accepts everything (an {@code ArrayList}).
     *
     * @return how many values were received: 0 if none is ready, or the channel is closed and drained (tell the two
     *         apart with {@link #tryReceive()})
     * @throws NullPointerException if {@code into} is {@code null}
     */
    int drainTo(Collection<? super E> into, int max);

    /**
     * Receives a value, waiting at most {@code timeout}; a zero or negative timeout behaves as {@link #tryReceive()}.
     *
     * @return {@link Received#ok()}, {@link Received#isClosed()}, or {@link Received#wouldBlock()} on timeout
     * @throws InterruptedException if interrupted before a value was received
     */
    Received<E> receive(Duration timeout) throws InterruptedException;

    /**
     * An iterator that receives until the channel is closed and drained: Go's {@code for v := range ch}.
     * Each call returns a new iterator; close it to stop early (see {@link ChannelIterator}).
     */
    @Override
    ChannelIterator<E> iterator();

    /**
     * A sequential stream of the values received until the channel is closed and drained. Closing the stream
     * closes its iterator. A terminal operation interrupted while waiting throws
     * {@link ChannelInterruptedException}.
     */
    Stream<E> stream();

    /** The number of buffered elements (always 0 for an unbuffered channel): Go's {@code len(ch)}. */
    int len();

    /** The buffer capacity given at creation: Go's {@code cap(ch)}. */
    int cap();
}
