package io.chanflow.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * The channel: Go's {@code hchan} on virtual threads. Users see it as {@link io.chanflow.Channel}.
 *
 * <h2>Implementation overview</h2>
 * Like Go's runtime ({@code runtime/chan.go}) each channel has one short lock guarding a circular buffer and two
 * FIFO wait queues of {@link Node}s: goroutines blocked in send and goroutines blocked in receive. An operation
 * takes the lock, and either completes at once (hand-off to a waiting counterpart, or buffer space/element) or
 * enqueues a node, releases the lock and parks. A counterpart completes a parked operation by <em>claiming</em>
 * its {@link Waiter} (one CAS; a second one if the waiter has stopped spinning) while holding the lock; the claim,
 * not the lock, decides races with interruption and timeouts, and lets a select (one waiter, several nodes on
 * several channels) be completed by exactly one channel. Threads are unparked only after the lock is released.
 *
 *
 * <p>The channel is one object. Its algorithms are layered as abstract classes, each in its own file with its
 * invariants, and a layer calls only the layers below it: the fields ({@link ChanFields}), the lock
 * ({@link SpinLock}), the first waiter ({@link Slot}), the waiting sender ({@link Deposit}), the wait queues
 * ({@link WaitQueue}), a feed's receive side ({@link FeedReceive}), and here the engine that every send, receive
 * and close goes through ({@link #send0}, {@link #receive0}, {@link #close0}). {@code io.chanflow.Chan}, the
 * class users hold, maps the API onto it.
 *
 *
 * <p>Invariants, all under the lock:
 * <ul>
 *   <li>{@code 0 <= count <= capacity}; the buffered elements are {@code buf[head], buf[head+1], ...} modulo
 *       capacity, oldest first; all other slots are {@code null}.</li>
 *   <li>If receivers wait then {@code count == 0}; if senders wait then {@code count == capacity}. (Nodes whose
 *       owner gave up may still sit in a queue until someone unlinks them: they are skipped, never claimed.)</li>
 *   <li>Once {@code closed}, both queues are empty and stay empty, and neither the slot nor the deposit (below)
 *       takes a waiter: close claims every waiter, and no operation waits on a closed channel.</li>
 * </ul>
 *
 * <p>Happens-before: every completed transfer passes through this lock, or through a claim CAS (or the slot's
 * release store of {@code SLOT_DONE}) followed by the waiter's volatile read of its state, so a send
 * happens-before the receive that completes it, a close happens-before a receive that reports closure, and the k-th
 * receive happens-before the (k+C)-th send completes (the k-th receive frees the slot the (k+C)-th send takes under
 * the same lock).
 */
public abstract class ChanEngine extends FeedReceive {
    protected ChanEngine(int bufferSize, FeedRing ring) {
        super(bufferSize, ring);
    }

    /**
     * Whether a send ({@code send}) or a receive on this channel might complete at once, read without the lock: the
     * hint by which a select's first pass skips channels that are not ready without locking them. It may be stale
     * either way (the fields are written under the lock by other threads and read here plainly), so a {@code true}
     * is only a reason to lock and try, and a {@code false} is never taken as proof: the select's locked pass decides.
     */
    boolean mayBeReady(boolean send) {
        if (closed) {
            return true;
        }
        if (send) {
            int s = slot;
            return recvHead != null || count < capacity || s == SLOT_RECV || s == SLOT_RECV_PARKED;
        }
        return count > 0 || sendHead != null || ring != null || depositOf(dep) != null;
    }

    /**
     * Completes a send of {@code e} now if a receiver waits or the buffer has room. The channel must be open.
     * A receiver claimed while parked is left in {@link ChanHotFields#claimed}, to be unparked.
     */
    boolean sendNow(Object e) {
        if (buf == null) {
            int s = slotClaim(); // the oldest receiver, if any: see Slot
            if (s >= 0) {
                slotItem = e;
                slotDecidedLocked(s);
                return true;
            }
        }
        if (pollReceiver(e) != null) {
            return true;
        }
        if (count < capacity) {
            bufferPut(e);
            return true;
        }
        return false;
    }

    /**
     * Completes a receive now if possible: returns the element, {@link Signal#CLOSED} if closed and drained, or
     * {@link Signal#NONE}. A sender claimed while parked is left in {@link ChanHotFields#claimed}, to be unparked.
     */
    Object receiveNow() {
        if (ring != null) {
            return feedReceiveNow();
        }
        if (buf == null) {
            Object e = depTake(true); // the oldest sender, if one waits with a deposit
            if (e != null) {
                return e;
            }
        }
        if (count > 0) {
            Object e = bufferTake();
            Node s = pollSender(); // a sender waits only on a full buffer: its element takes the freed slot
            if (s != null) {
                bufferPut(s.item);
            }
            return e;
        }
        Node s = pollSender();
        if (s != null) {
            return s.item;
        }
        return closed ? closure : Signal.NONE;
    }

    // ---------------------------------------------------------------- the engine

    /** {@code nanos}: {@code < 0} blocks without limit, {@code 0} never blocks, {@code > 0} blocks at most that long. */
    protected static final long FOREVER = -1L;

    /**
     * The send engine: every send form goes through here. Returns {@code true} when {@code e} was delivered to a
     * receiver or the buffer, {@code false} when it could not be within {@code nanos}.
     */
    protected final boolean send0(Object e, long nanos) throws InterruptedException {
        Objects.requireNonNull(e, "send of null element: channels do not carry null");
        if (nanos != 0L && Thread.interrupted()) {
            throw new InterruptedException();
        }
        long deadline = nanos > 0L ? System.nanoTime() + nanos : 0L;
        if (slotServes() && sendToSlot(e)) {
            return true;
        }
        if (Tuning.DEPOSITS && buf == null && nanos != 0L && DEP.compareAndSet(this, null, e)) {
            return depAwait(e, nanos > 0L, deadline); // null: nobody queued, not closed (see Deposit)
        }
        lock();
        if (closed) {
            unlock();
            throw sendOnClosed();
        }
        if (sendNow(e)) {
            unlockAndRelease();
            return true;
        }
        if (nanos == 0L) {
            unlock();
            return false;
        }
        if (Tuning.DEPOSITS && buf == null && sendHead == null && recvHead == null) {
            Object d = dep;
            if ((d == null || d == DEP_BLOCKED) && DEP.compareAndSet(this, d, e)) {
                unlock();
                return depAwait(e, nanos > 0L, deadline);
            }
        }
        slotMissed(); // then queue up, still holding the lock
        Node n = new Node(this, true, e);
        enqueue(n);
        unlock();
        int s = n.await(nanos > 0L, deadline, n, capacity == 0 ? Tuning.SPINS : Tuning.BUFFERED_SPINS);
        if (s >= 0) {
            if (Failure.isClosure(n.item)) {
                throw Failure.exception(n.item, "send on closed channel");
            }
            return true;
        }
        lock();
        unlink(n);
        unlock();
        if (s == Waiter.INTERRUPTED) {
            throw new InterruptedException();
        }
        return false;
    }

    /**
     * The receive engine: every receive form goes through here. Returns the element, {@link Signal#CLOSED} when
     * the channel is closed and drained, or {@link Signal#NONE} when nothing arrived within {@code nanos}.
     */
    protected final Object receive0(long nanos) throws InterruptedException {
        if (nanos != 0L && Thread.interrupted()) {
            throw new InterruptedException();
        }
        long deadline = nanos > 0L ? System.nanoTime() + nanos : 0L;
        if (buf == null) {
            Object d = depTake(false);
            if (d == null && nanos != 0L) {
                d = depSpin();
            }
            if (d != null) {
                return d;
            }
        }
        lock();
        Object e = receiveNow();
        if (e != Signal.NONE) {
            unlockAndRelease();
            return e;
        }
        if (nanos == 0L) {
            unlockAndRelease();
            return Signal.NONE;
        }
        if (ring != null) {
            e = yieldForStaged();
            if (e != Signal.NONE) {
                unlockAndRelease();
                return e;
            }
        }
        if (buf == null) {
            e = depBlock(false);
            if (e != null) {
                unlockAndRelease();
                return e;
            }
        }
        if (slotTakable()) {
            slotTake();
            unlock(); // nothing was claimed: receiveNow found nobody
            return slotAwait(nanos > 0L, deadline);
        }
        slotMissed(); // then queue up, still holding the lock
        Node n = new Node(this, false, null);
        enqueue(n);
        if (ring != null) {
            feedStaged(); // after enqueue published receiversWait: an element staged meanwhile is handed to us
        }
        unlockAndRelease();
        int st = n.await(nanos > 0L, deadline, n, capacity == 0 ? Tuning.SPINS : Tuning.BUFFERED_SPINS);
        if (st >= 0) {
            return n.item;
        }
        lock();
        unlink(n);
        unlock();
        if (st == Waiter.INTERRUPTED) {
            throw new InterruptedException();
        }
        return Signal.NONE;
    }

    /**
     * For a receive that found a feed's channel empty and may block: a virtual thread yields its carrier up to
     * {@link Tuning#FEED_YIELDS} times, retrying after each, before it queues up and parks (see {@link FeedReceive} in the
     * overview). Caller holds the lock, and holds it again on return; returns what {@link #receiveNow} returned
     * last.
     */
    Object yieldForStaged() {
        int yields = Tuning.FEED_YIELDS;
        if (yields == 0 || !Thread.currentThread().isVirtual()) {
            return Signal.NONE;
        }
        Object e = Signal.NONE;
        for (; yields > 0 && e == Signal.NONE; yields--) {
            unlockAndRelease();
            Thread.yield();
            lock();
            e = receiveNow();
        }
        return e;
    }

    /**
     * The close engine: closes the channel with {@code how} ({@link Signal#CLOSED} or a {@link Failure}) and wakes
     * every waiter. Returns {@code false}, changing nothing, if it was already closed.
     */
    public final boolean close0(Object how) {
        Node wake = null;
        lock();
        if (closed) {
            unlock();
            return false;
        }
        if (ring != null) {
            feedStaged(); // what the feed staged before the close is delivered before the closure
            wake = takeClaimed();
            ring.closed = true;
        }
        closed = true;
        closure = how;
        Thread depositor = depClose(); // a deposit taken before this was a hand-off before the close
        // Claim every waiter with the closure; chain the parked ones through `next` to unpark after unlocking.
        wake = claimAll(recvHead, how, wake);
        wake = claimAll(sendHead, how, wake);
        recvHead = recvTail = sendHead = sendTail = null;
        receiversMayHaveLeft();
        Thread slotWaiter = null; // the slot's receiver, claimed with the closure too (a claim under way stands)
        int s = slotClaim();
        if (s >= 0) {
            slotItem = how;
            slotWaiter = slotDecided(s); // to unpark once unlocked, if it parked
        }
        unlock();
        if (slotWaiter != null) {
            LockSupport.unpark(slotWaiter);
        }
        if (depositor != null) {
            LockSupport.unpark(depositor);
        }
        release(wake); // receivers given an element first, then everyone claimed with the closure
        reportTaken();
        List<Runnable> watchers;
        synchronized (this) {
            watchers = closeWatchers;
            closeWatchers = null;
        }
        if (watchers != null) {
            for (Runnable f : watchers) {
                f.run();
            }
        }
        return true;
    }

    /**
     * Runs {@code f} once this channel is closed: after the close, on the closing thread, or at once on this thread
     * if it is closed already. The returned handle unregisters {@code f} (idempotent; it does not wait for a run in
     * progress). See {@code ChannelFeed.watchClose}.
     */
    public final Runnable watchClose(Runnable f) {
        synchronized (this) {
            if (closeWatchers == null) {
                closeWatchers = new ArrayList<>(2);
            }
            closeWatchers.add(f);
        }
        // A close that set `closed` before the add may have taken its snapshot of the watchers already: whoever removes
        // `f` from the list (the close's snapshot, or this check) runs it, so it runs exactly once.
        lock();
        boolean isClosed = closed;
        unlock();
        if (isClosed && unwatch(f)) {
            f.run();
        }
        return () -> unwatch(f);
    }

    boolean unwatch(Runnable f) {
        synchronized (this) {
            return closeWatchers != null && closeWatchers.remove(f);
        }
    }

    protected final int drain(Collection<Object> into, int max) {
        Objects.requireNonNull(into, "into");
        Object[] chunk = null;
        int total = 0;
        while (total < max) {
            int want = Math.min(max - total, Tuning.DRAIN_CHUNK);
            if (chunk == null) {
                chunk = new Object[want];
            }
            int k = 0;
            lock();
            while (k < want) {
                Object e = receiveNow();
                if (e == Signal.NONE || Failure.isClosure(e)) {
                    break;
                }
                chunk[k++] = e;
            }
            unlockAndRelease(); // released senders, and receivers a feed's elements were handed to
            total += k;
            for (int i = 0; i < k; i++) {
                into.add(chunk[i]);
                chunk[i] = null;
            }
            if (k < want) {
                break;
            }
        }
        return total;
    }

    /** For a feed's channel, what tells the feed that an iterator was closed early; else {@code null}. */
    protected final Runnable iteratorClosedHook() {
        return ring == null ? null : ring.iteratorClosed;
    }

    /** The iterator's and stream's receive: the element, {@link Signal#CLOSED} or a {@link Failure}. */
    protected final Object receiveForIteration() throws InterruptedException {
        return receive0(FOREVER);
    }


    // ---------------------------------------------------------------- len, cap

    /** Go's {@code len(ch)}: the buffered elements, and for a feed's channel the staged ones. */
    public final int len() {
        lock();
        int n = count;
        if (ring != null && !closed) {
            Object[] slots = ring.slots; // staged, not yet moved into the buffer
            int i = (int) ring.headIndex;
            for (int k = 0; k < slots.length && FeedRing.SLOT.getVolatile(slots, i) != null; k++) {
                n++;
                i = i + 1 == slots.length ? 0 : i + 1;
            }
        }
        unlock();
        return n;
    }

    /** Go's {@code cap(ch)}. */
    public final int cap() {
        return ring == null ? capacity : ring.capacity;
    }

    @Override
    public final String toString() {
        return "chan#" + id + "(cap " + cap() + ")";
    }

    /** A timeout as nanoseconds for the engine: never {@code <= 0} unless the timeout is zero or negative. */
    protected static long nanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            return 0L;
        }
        long n;
        try {
            n = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return FOREVER;
        }
        // Past ~146 years the deadline would overflow System.nanoTime arithmetic: that is "forever".
        return n >= Long.MAX_VALUE / 2 ? FOREVER : n;
    }
}
