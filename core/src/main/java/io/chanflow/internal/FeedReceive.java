package io.chanflow.internal;

/**
 * The receivers' side of a {@code ChannelFeed}'s channel: elements staged in a {@link FeedRing} without the lock,
 * taken under it.
 *
 * <p>A channel made by a {@code ChannelFeed} has exactly one producer, the feed, whose offers are serial (a Reactive
 * Streams {@code onNext}), and it must not contend with its receivers for the lock on every element: the
 * receivers take the lock for every element anyway, and the lock's cache line would then cross between the
 * producer's core and theirs twice per element. So the feed stages each element in a single-producer ring,
 * {@link FeedRing}, without the lock. Under the lock, a receiver takes the oldest buffered element, or, once the
 * buffer is empty, the oldest staged one straight from its ring slot ({@link #feedReceiveNow}); staged elements are
 * moved into the buffer ({@link #feedStaged}) only when they must be handed to waiting receivers or kept across a
 * close. Invariants, besides the ones above:
 * <ul>
 *   <li>Staged plus buffered elements never exceed the buffer's size: the feed stages only while it has offered
 *       fewer than that many elements more than the ring's {@code left} counts out of the channel. So moving never
 *       overflows, and a ring slot is free whenever the feed writes it: whoever empties a slot (a move or a direct
 *       take) clears it before the release-write of {@code left} that lets the feed reuse it.</li>
 *   <li>Receivers wait only on an empty buffer, as for any channel. An element staged while a receiver enqueues
 *       is not lost: the receiver publishes {@code receiversWait} (volatile) and then reads the next slot
 *       (volatile), while the feed writes the slot (volatile) and then reads {@code receiversWait}; one of them sees
 *       the other, and whoever does moves the element to the waiting receiver under the lock.</li>
 *   <li>A close first moves everything staged before it; what is staged after it is dropped, never delivered after
 *       the closure was reported.</li>
 *   <li>A receiver that finds the channel empty and may block first yields its carrier ({@link ChanEngine#yieldForStaged};
 *       a virtual thread with more than one carrier only) and retries, holding no lock while it yields. Only then
 *       does it queue up, after which the feed's next offer must take the lock to hand it an element: a yield lets
 *       the producer stage a run of elements without the lock meanwhile.</li>
 *   <li>Every element taken is counted under the lock (the ring's {@code unreported}); each full batch is added
 *       to its {@code reportDue}, which a thread that took elements empties with one {@code getAndSet} after it
 *       unlocked ({@link WaitQueue#reportTaken}) and tells the feed's listener. So the listener hears of each batch exactly
 *       once, never under a lock, and receivers pay one atomic per batch, not one per element.</li>
 * </ul>
 */
abstract class FeedReceive extends WaitQueue {
    FeedReceive(int bufferSize, FeedRing ring) {
        super(bufferSize, ring);
    }

    /**
     * {@link ChanEngine#receiveNow} for a feed's channel, which has no senders: the oldest buffered element, else the oldest
     * staged one, taken from the ring without moving it into the buffer first (staged elements are younger than
     * buffered ones, so this keeps FIFO order). Receivers already waiting are served first, as Go's runtime serves
     * its queue of waiting receivers before a newcomer: a newcomer then gets only what is left, or queues up.
     */
    Object feedReceiveNow() {
        if (count == 0 && (recvHead != null || closed)) {
            // Receivers wait: what was staged goes to them first, in their order. Closed: the close moved what was
            // staged before it into the buffer; this drops what came after.
            feedStaged();
        }
        if (count > 0) {
            return bufferTake();
        }
        if (closed) {
            return closure;
        }
        if (recvHead != null) {
            return Signal.NONE; // an element staged since is theirs too: queue up behind them
        }
        FeedRing r = ring;
        Object[] slots = r.slots;
        int i = (int) r.headIndex;
        Object e = FeedRing.SLOT.getAcquire(slots, i);
        if (e == null) {
            return Signal.NONE;
        }
        slots[i] = null;
        r.headIndex = i + 1 == slots.length ? 0 : i + 1;
        r.departed();
        return e;
    }

    /** For {@link FeedRing#stage}, when receivers wait: moves what was staged to them. Caller holds no lock. */
    void handOverStaged() {
        lock();
        feedStaged();
        unlockAndRelease();
    }

    /**
     * Moves the staged elements into the buffer, then hands buffered elements to waiting receivers, oldest first, so
     * that receivers wait only on an empty buffer again. Receivers claimed while parked join {@link ChanHotFields#claimed}. On a
     * closed channel the staged elements are dropped: they were staged after the close, which moved everything
     * staged before it. Caller holds the lock; the channel is a feed's.
     */
    void feedStaged() {
        Object[] slots = ring.slots;
        int i = (int) ring.headIndex;
        Object e = FeedRing.SLOT.getVolatile(slots, i);
        if (e != null) {
            int moved = 0;
            boolean drop = closed;
            do {
                slots[i] = null;
                i = i + 1 == slots.length ? 0 : i + 1;
                moved++;
                if (!drop) {
                    bufferPut(e); // fits: staged + buffered <= capacity, by FeedRing.stage's check
                }
                e = FeedRing.SLOT.getVolatile(slots, i);
            } while (e != null && moved < slots.length);
            ring.headIndex = i;
            if (drop) {
                ring.dropped(moved);
            }
        }
        while (count > 0 && recvHead != null) {
            if (pollReceiver(buf[head]) == null) {
                break;
            }
            bufferTake();
        }
    }
}
