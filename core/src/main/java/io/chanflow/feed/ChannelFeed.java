package io.chanflow.feed;

import io.chanflow.Channel;
import io.chanflow.ChannelIterator;
import io.chanflow.ReceiveChannel;
import io.chanflow.Select;
import io.chanflow.SendChannel;
import io.chanflow.internal.ChanEngine;
import io.chanflow.internal.FedChannels;
import io.chanflow.internal.Failure;
import io.chanflow.internal.FeedRing;
import io.chanflow.internal.Signal;

import java.util.Objects;

/**
 * A channel fed by callbacks instead of a goroutine: the producing end for code that must never block, such as a
 * Reactive Streams {@code onNext}. Receivers see an ordinary {@link ReceiveChannel} (it works with
 * {@link Select}, iteration, {@code receive(ctx)} and the rest); the feed offers elements without blocking and is
 * told, through its {@link Listener}, as receivers take them, so it can ask its source for more. This is
 * the building block of Chanflow's reactive bridges; most code wants {@link Channel#make(int)} instead.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>The feed owns the demand accounting: with a buffer of C elements, at most C elements may be offered and
 *       not yet taken. {@link #offer} never blocks; it returns {@code false} only when that rule was broken (the
 *       buffer is full), and then changes nothing.</li>
 *   <li>A feed asked for capacity 0 buffers one element, so that an unbuffered channel can still hold the one
 *       element its source was asked for without blocking the source; {@link ReceiveChannel#cap()} reports 0 and
 *       {@link ReceiveChannel#len()} counts that element while it waits.</li>
 *   <li>{@link Listener#taken(int)} is told of the elements that leave the channel — taken from the buffer, or
 *       handed to a waiting receiver — in whole batches: each time another {@code batch} of them left (the batch
 *       given at construction, 1 by default), once, with {@code n} a multiple of the batch (two batches completed
 *       by racing receivers may be told together). Elements short of a full batch are not told yet. It runs on a
 *       thread that took elements or handed them over (a receiver, the offering thread or the closing one), after
 *       every channel lock was released. It must not block; it may call back into {@link #offer} (a source that
 *       emits synchronously on request). A source that asks for more every {@code batch} departures, as Reactive
 *       Streams subscribers do, so needs no counter of its own, and receivers pay no atomic per element for one.</li>
 *   <li>{@link #offer} takes no lock unless receivers are waiting: it stages the element in a ring of its own, which
 *       receivers empty into the channel's buffer (see {@code FeedReceive} in the engine). So a feed whose
 *       receivers keep up costs its producer no contention with them.</li>
 *   <li>{@link #close()} and {@link #close(Throwable)} are idempotent here (unlike {@link SendChannel#close()}):
 *       a source may complete, fail and be cancelled concurrently, and only the first closure counts.</li>
 * </ul>
 *
 * @param <E> the element type
 */
public final class ChannelFeed<E> {

    /** What the feed learns from its receivers. Called without any channel lock held; must not block. */
    public interface Listener {
        /**
         * Receivers took {@code n} more elements out of the channel, a multiple of the feed's batch: {@code n}
         * buffer slots are free again.
         */
        void taken(int n);

        /**
         * A receiver closed a {@link ChannelIterator} (or a stream) before the channel was drained: it will not
         * receive further. The default does nothing.
         */
        default void iteratorClosed() {
        }
    }

    private final FeedRing ring;
    private final ChanEngine chan;

    /**
     * A feed of a channel of {@code capacity} elements whose listener is told of every element taken.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public ChannelFeed(int capacity, Listener listener) {
        this(capacity, 1, listener);
    }

    /**
     * A feed of a channel of {@code capacity} elements whose listener is told of taken elements {@code batch} at a
     * time.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative, or {@code batch} is not between 1 and the
     *         buffer's size ({@code max(capacity, 1)})
     */
    public ChannelFeed(int capacity, int batch, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        if (capacity < 0) {
            throw new IllegalArgumentException("makechan: size out of range (negative capacity " + capacity + ")");
        }
        int size = Math.max(capacity, 1);
        if (batch < 1 || batch > size) {
            throw new IllegalArgumentException("batch " + batch + " out of range: must be in [1, " + size + "]");
        }
        // allocated first: its padding keeps this object's line away from the channel's
        this.ring = new FeedRing(size, batch, capacity, listener::taken, listener::iteratorClosed);
        this.chan = FedChannels.make(size, ring);
        ring.bind(chan);
    }

    /** The channel receivers take from. */
    @SuppressWarnings("unchecked")
    public ReceiveChannel<E> channel() {
        return (ReceiveChannel<E>) chan; // an io.chanflow.Chan
    }

    /**
     * Offers {@code e} without blocking: stages it for the receivers, and hands it to a waiting one. Offers must be
     * serial (one at a time, as Reactive Streams signals are); they may come from different threads, with a happens-before
     * between one and the next. Overlapping offers are not detected and corrupt the feed.
     *
     * @return {@code true} if the element was delivered or buffered, or was dropped because the channel is already
     *         closed (a source may still emit a little after it was cancelled); {@code false} if the buffer is
     *         full, which means the source sent more than it was asked for
     * @throws NullPointerException if {@code e} is {@code null}
     */
    public boolean offer(E e) {
        Objects.requireNonNull(e, "send of null element: channels do not carry null");
        return ring.stage(e);
    }

    /**
     * Closes the channel: receivers drain the buffer, then see the closure.
     *
     * @return {@code true} if this call closed it, {@code false} if it was already closed
     */
    public boolean close() {
        return chan.close0(Signal.CLOSED);
    }

    /**
     * Closes the channel with {@code cause}: receivers drain the buffer, then get the cause (see
     * {@link SendChannel#close(Throwable)}).
     *
     * @return {@code true} if this call closed it, {@code false} if it was already closed
     */
    public boolean close(Throwable cause) {
        return chan.close0(new Failure(Objects.requireNonNull(cause, "cause")));
    }

    /**
     * Runs {@code onClose} once {@code channel} is closed — on the closing thread after the close, or at once on this
     * thread if it is closed already — unless the returned handle was run first. It tells a consumer that waits for
     * something else (a reactive bridge waiting for demand) that the channel will take no more elements, without
     * receiving from it: once closed, a channel whose {@link ReceiveChannel#len()} is 0 is drained, and
     * {@link ReceiveChannel#tryReceive()} then reports the closure and takes nothing.
     *
     * <p>{@code onClose} must not block. Only Chanflow's own channels can be watched: for the nil channel, which never
     * closes, or another implementation of {@link ReceiveChannel}, {@code onClose} never runs.
     *
     * @return a handle that unregisters {@code onClose}, so the channel no longer references it; idempotent
     */
    public static Runnable watchClose(ReceiveChannel<?> channel, Runnable onClose) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(onClose, "onClose");
        if (channel instanceof ChanEngine c) {
            return c.watchClose(onClose);
        }
        return () -> {
        };
    }
}
