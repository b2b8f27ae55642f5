package io.chanflow;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The channel: Go's {@code hchan} on virtual threads. Users see it as {@link Channel}.
 *
 * <h2>Implementation overview</h2>
 * Like Go's runtime ({@code runtime/chan.go}) each channel has one short lock guarding a circular buffer and two
 * FIFO wait queues of {@link Node}s: goroutines blocked in send and goroutines blocked in receive. An operation
 * takes the lock, and either completes at once (hand-off to a waiting counterpart, or buffer space/element) or
 * enqueues a node, releases the lock and parks. A counterpart completes a parked operation by <em>claiming</em>
 * its {@link Waiter} (one CAS) while holding the lock; the claim, not the lock, decides races with interruption
 * and timeouts, and lets a select (one waiter, several nodes on several channels) be completed by exactly one
 * channel. Threads are unparked only after the lock is released.
 *
 * <p>The lock is a test-and-test-and-set spin lock. Critical sections are a few dozen instructions and never
 * block, so a virtual thread never unmounts while holding it; a contender spins briefly and then yields, unless
 * it holds another channel's lock, in which case it only spins (see {@link #lockSlow}: a holder that yields can be
 * starved off its carrier). On one carrier the holder cannot be descheduled by another virtual thread, so
 * contention only arises between carriers or platform threads. This is Go's {@code runtime.lock} design, and it avoids parking a virtual
 * thread on a {@code ReentrantLock} for a critical section far shorter than a park.
 *
 * <p>Invariants, all under the lock:
 * <ul>
 *   <li>{@code 0 <= count <= capacity}; the buffered elements are {@code buf[head], buf[head+1], ...} modulo
 *       capacity, oldest first; all other slots are {@code null}.</li>
 *   <li>If receivers wait then {@code count == 0}; if senders wait then {@code count == capacity}. (Nodes whose
 *       owner gave up may still sit in a queue until someone unlinks them: they are skipped, never claimed.)</li>
 *   <li>Once {@code closed}, both queues are empty and stay empty: close claims every waiter, and no operation
 *       enqueues on a closed channel.</li>
 * </ul>
 *
 * <p>Happens-before: every completed transfer passes through this lock, or through a claim CAS followed by the
 * waiter's volatile read of its state, so a send happens-before the receive that completes it, a close
 * happens-before a receive that reports closure, and the k-th receive happens-before the (k+C)-th send completes
 * (the k-th receive frees the slot the (k+C)-th send takes under the same lock).
 */
final class Chan<E> implements Channel<E> {
    private static final AtomicLong IDS = new AtomicLong();
    private static final VarHandle LOCK;

    static {
        try {
            LOCK = MethodHandles.lookup().findVarHandle(Chan.class, "lock", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Spins before yielding in {@link #lockSlow}: a critical section lasts well under this many spin waits. */
    private static final int LOCK_SPINS = 64;

    /** Creation order; gives a total order on channels for a select that must lock several. */
    final long id = IDS.getAndIncrement();
    private final int capacity; // of the buffer
    private final int reportedCapacity; // cap(): the capacity asked for (a feed buffers one more when asked for 0)
    private final Object[] buf; // null when unbuffered
    /** Non-null for a channel fed by a {@link ChannelFeed}: told of every element a receiver takes. */
    final ChannelFeed<E> feed;

    // All below guarded by `lock`.
    private int head;
    private int count;
    private boolean closed;
    /** What receives report once closed and drained: {@link Signal#CLOSED}, or a {@link Failure} with the cause. */
    private Object closure = Signal.CLOSED;
    private Node recvHead, recvTail, sendHead, sendTail;

    /** 0 free, 1 held. */
    private volatile int lock;

    /**
     * The functions {@link #watchClose} registered, run once by the close; {@code null} until the first one. Guarded
     * by this channel's monitor, not by {@code lock}, so the spin lock's critical sections stay allocation-free and
     * channels nobody watches pay one null field.
     */
    private List<Runnable> closeWatchers;

    Chan(int capacity) {
        this(capacity, capacity, null);
    }

    /** A channel whose buffer holds {@code bufferSize} elements while {@link #cap()} reports {@code capacity}. */
    Chan(int capacity, int bufferSize, ChannelFeed<E> feed) {
        if (capacity < 0) {
            throw new IllegalArgumentException("makechan: size out of range (negative capacity " + capacity + ")");
        }
        this.capacity = bufferSize;
        this.reportedCapacity = capacity;
        this.buf = bufferSize == 0 ? null : new Object[bufferSize];
        this.feed = feed;
    }

    // ---------------------------------------------------------------- lock

    /** Takes the lock; the caller holds no other channel's lock. */
    void lock() {
        if (!LOCK.compareAndSet(this, 0, 1)) {
            lockSlow(true);
        }
    }

    /**
     * Takes the lock while the caller already holds another channel's lock (a select locking its channels in id
     * order). It never yields: see {@link #lockSlow}.
     */
    void lockNested() {
        if (!LOCK.compareAndSet(this, 0, 1)) {
            lockSlow(false);
        }
    }

    /**
     * Spins until the lock is free. A caller that holds no other lock may {@link Thread#yield()} between rounds of
     * spinning, to let other virtual threads use the carrier while the holder's carrier is descheduled by the OS.
     *
     * <p>A caller that already holds a lock must never yield. A virtual thread that yields is unmounted, and the
     * scheduler may keep it unmounted for as long as its carriers find other work in their local queues. If it holds
     * channel A while it waits for channel B, the goroutines that spin for A are exactly that other work: they run and
     * yield to each other on every carrier, and the holder of A never runs again. The pipelines of {@code Patterns},
     * where many selects share a context's done channel, livelocked in this way. If no thread yields while it holds a
     * lock, every holder stays mounted and keeps running. The lock order means that the chain of holders waiting for
     * one another ends at a holder that waits for nothing, so every spin ends.
     */
    private void lockSlow(boolean mayYield) {
        int spins = 0;
        for (;;) {
            if (lock == 0 && LOCK.compareAndSet(this, 0, 1)) {
                return;
            }
            if (++spins < LOCK_SPINS || !mayYield) {
                Thread.onSpinWait();
            } else {
                spins = 0;
                Thread.yield();
            }
        }
    }

    void unlock() {
        LOCK.setRelease(this, 0);
    }

    // ---------------------------------------------------------------- wait queues (caller holds the lock)

    /** Adds the node of a blocking operation (or of a select case) to its wait queue. */
    void enqueue(Node n) {
        n.linked = true;
        if (n.send) {
            if (sendTail == null) {
                sendHead = n;
            } else {
                sendTail.next = n;
                n.prev = sendTail;
            }
            sendTail = n;
        } else {
            if (recvTail == null) {
                recvHead = n;
            } else {
                recvTail.next = n;
                n.prev = recvTail;
            }
            recvTail = n;
        }
    }

    /** Removes {@code n} from its queue if it is still there. */
    void unlink(Node n) {
        if (!n.linked) {
            return;
        }
        n.linked = false;
        Node p = n.prev, x = n.next;
        if (p == null) {
            if (n.send) {
                sendHead = x;
            } else {
                recvHead = x;
            }
        } else {
            p.next = x;
        }
        if (x == null) {
            if (n.send) {
                sendTail = p;
            } else {
                recvTail = p;
            }
        } else {
            x.prev = p;
        }
        n.prev = n.next = null;
    }

    /**
     * Dequeues and claims the first waiting sender, dropping nodes whose owner already gave up or was claimed
     * through another channel. Returns {@code null} if none.
     *
     * <p>A select never pairs with itself (Go's select3): it polls while holding the locks of all its channels and
     * before enqueueing any node, so its own nodes are never in a queue while it polls.
     */
    private Node pollSender() {
        for (Node n = sendHead; n != null; n = sendHead) {
            unlink(n);
            if (n.claim()) {
                return n;
            }
        }
        return null;
    }

    /** Dequeues the first waiting receiver and claims it with {@code e} as its item. Returns {@code null} if none. */
    private Node pollReceiver(Object e) {
        for (Node n = recvHead; n != null; n = recvHead) {
            unlink(n);
            n.item = e; // before the claim CAS, which publishes it
            if (n.claim()) {
                return n;
            }
            n.item = null; // dead node: do not retain the element
        }
        return null;
    }

    private void bufferPut(Object e) {
        int tail = head + count;
        buf[tail >= capacity ? tail - capacity : tail] = e;
        count++;
    }

    private Object bufferTake() {
        Object e = buf[head];
        buf[head] = null;
        head = head + 1 == capacity ? 0 : head + 1;
        count--;
        return e;
    }

    // ---------------------------------------------------------------- immediate steps (caller holds the lock)

    /**
     * The waiter claimed by the last {@link #sendNow}/{@link #receiveNow}, to be woken by the caller once it has
     * released the lock (and, for a select, every other lock). Guarded by the lock; read and cleared with
     * {@link #takeClaimed()} before unlocking.
     */
    private Node claimed;

    Node takeClaimed() {
        Node n = claimed;
        claimed = null;
        return n;
    }

    boolean isClosedLocked() {
        return closed;
    }

    /**
     * What a send on this closed channel throws. The caller saw the channel closed, under the lock or through a
     * claim; the closure never changes once set, so this is read after the lock is released. It must be: for an
     * {@link Error} cause it throws the cause itself instead of returning, which under the lock would leave the
     * channel locked forever.
     */
    RuntimeException sendOnClosed() {
        return Failure.exception(closure, "send on closed channel");
    }

    /** {@code true} iff {@code r}, an engine result of this channel, is an element taken from a feed's buffer. */
    boolean tookFromFeed(Object r) {
        return feed != null && !(r instanceof Signal) && !(r instanceof Failure);
    }

    /**
     * Completes a send of {@code e} now if a receiver waits or the buffer has room. The channel must be open.
     * A woken receiver is left in {@link #claimed}.
     */
    boolean sendNow(Object e) {
        Node r = pollReceiver(e);
        if (r != null) {
            claimed = r;
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
     * {@link Signal#NONE}. A sender released by the receive is left in {@link #claimed}.
     */
    Object receiveNow() {
        if (count > 0) {
            Object e = bufferTake();
            Node s = pollSender(); // a sender waits only on a full buffer: its element takes the freed slot
            if (s != null) {
                bufferPut(s.item);
                claimed = s;
            }
            return e;
        }
        Node s = pollSender();
        if (s != null) {
            claimed = s;
            return s.item;
        }
        return closed ? closure : Signal.NONE;
    }

    // ---------------------------------------------------------------- the engine

    /** {@code nanos}: {@code < 0} blocks without limit, {@code 0} never blocks, {@code > 0} blocks at most that long. */
    private static final long FOREVER = -1L;

    /**
     * The send engine: every send form goes through here. Returns {@code true} when {@code e} was delivered to a
     * receiver or the buffer, {@code false} when it could not be within {@code nanos}.
     */
    private boolean send0(E e, long nanos) throws InterruptedException {
        Objects.requireNonNull(e, "send of null element: channels do not carry null");
        if (nanos != 0L && Thread.interrupted()) {
            throw new InterruptedException();
        }
        long deadline = nanos > 0L ? System.nanoTime() + nanos : 0L;
        lock();
        if (closed) {
            unlock();
            throw sendOnClosed();
        }
        if (sendNow(e)) {
            Node r = takeClaimed();
            unlock();
            if (r != null) {
                r.owner.wake();
            }
            return true;
        }
        if (nanos == 0L) {
            unlock();
            return false;
        }
        Node n = new Node(this, true, e);
        enqueue(n);
        unlock();
        int s = n.await(nanos > 0L, deadline, n);
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
    private Object receive0(long nanos) throws InterruptedException {
        if (nanos != 0L && Thread.interrupted()) {
            throw new InterruptedException();
        }
        long deadline = nanos > 0L ? System.nanoTime() + nanos : 0L;
        lock();
        Object e = receiveNow();
        if (e != Signal.NONE) {
            Node s = takeClaimed();
            unlock();
            if (s != null) {
                s.owner.wake();
            }
            if (tookFromFeed(e)) {
                feed.taken();
            }
            return e;
        }
        if (nanos == 0L) {
            unlock();
            return Signal.NONE;
        }
        Node n = new Node(this, false, null);
        enqueue(n);
        unlock();
        int st = n.await(nanos > 0L, deadline, n);
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

    // ---------------------------------------------------------------- SendChannel

    @Override
    public void send(E e) throws InterruptedException {
        send0(e, FOREVER);
    }

    @Override
    public boolean trySend(E e) {
        try {
            return send0(e, 0L);
        } catch (InterruptedException impossible) {
            throw new IllegalStateException("unexpected state: non-blocking send interrupted", impossible);
        }
    }

    @Override
    public boolean send(E e, Duration timeout) throws InterruptedException {
        return send0(e, nanos(timeout));
    }

    @Override
    public void close() {
        if (!close0(Signal.CLOSED)) {
            throw new IllegalStateException("close of closed channel");
        }
    }

    @Override
    public void close(Throwable cause) {
        Objects.requireNonNull(cause, "close with a null cause: use close()");
        if (!close0(new Failure(cause))) {
            throw new IllegalStateException("close of closed channel");
        }
    }

    /**
     * The close engine: closes the channel with {@code how} ({@link Signal#CLOSED} or a {@link Failure}) and wakes
     * every waiter. Returns {@code false}, changing nothing, if it was already closed.
     */
    boolean close0(Object how) {
        Node wake = null;
        lock();
        if (closed) {
            unlock();
            return false;
        }
        closed = true;
        closure = how;
        // Claim every waiter with the closure; chain the claimed ones through `next` to wake after unlocking.
        for (Node n = recvHead; n != null; ) {
            Node x = n.next;
            n.linked = false;
            n.prev = n.next = null;
            n.item = how;
            if (n.claim()) {
                n.next = wake;
                wake = n;
            }
            n = x;
        }
        for (Node n = sendHead; n != null; ) {
            Node x = n.next;
            n.linked = false;
            n.prev = n.next = null;
            n.item = how;
            if (n.claim()) {
                n.next = wake;
                wake = n;
            }
            n = x;
        }
        recvHead = recvTail = sendHead = sendTail = null;
        unlock();
        while (wake != null) {
            Node x = wake.next;
            wake.next = null;
            wake.owner.wake();
            wake = x;
        }
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
     * progress). See {@link ChannelFeed#watchClose}.
     */
    Runnable watchClose(Runnable f) {
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

    private boolean unwatch(Runnable f) {
        synchronized (this) {
            return closeWatchers != null && closeWatchers.remove(f);
        }
    }

    // ---------------------------------------------------------------- ReceiveChannel

    @Override
    @SuppressWarnings("unchecked")
    public E receive() throws InterruptedException {
        Object r = receive0(FOREVER);
        if (Failure.isClosure(r)) {
            throw Failure.exception(r, "receive from closed channel");
        }
        return (E) r;
    }

    @Override
    public Received<E> receiveOrClosed() throws InterruptedException {
        return Received.of(receive0(FOREVER));
    }

    @Override
    public Received<E> tryReceive() {
        try {
            return Received.of(receive0(0L));
        } catch (InterruptedException impossible) {
            throw new IllegalStateException("unexpected state: non-blocking receive interrupted", impossible);
        }
    }

    @Override
    public Received<E> receive(Duration timeout) throws InterruptedException {
        return Received.of(receive0(nanos(timeout)));
    }

    /** Values {@link #drainTo} takes per lock acquisition: bounds the time others wait for the lock. */
    private static final int DRAIN_CHUNK = 64;

    @Override
    @SuppressWarnings("unchecked")
    public int drainTo(Collection<? super E> into, int max) {
        Objects.requireNonNull(into, "into");
        Object[] chunk = null;
        int total = 0;
        while (total < max) {
            int want = Math.min(max - total, DRAIN_CHUNK);
            if (chunk == null) {
                chunk = new Object[want];
            }
            int k = 0;
            Node wake = null; // released senders, chained through `next` (they are unlinked), woken after unlocking
            lock();
            while (k < want) {
                Object e = receiveNow();
                if (e == Signal.NONE || Failure.isClosure(e)) {
                    break;
                }
                Node s = takeClaimed();
                if (s != null) {
                    s.next = wake;
                    wake = s;
                }
                chunk[k++] = e;
            }
            unlock();
            while (wake != null) {
                Node x = wake.next;
                wake.next = null;
                wake.owner.wake();
                wake = x;
            }
            if (feed != null) {
                for (int i = 0; i < k; i++) {
                    feed.taken(); // a feed channel has no senders: every value came from its buffer
                }
            }
            total += k;
            for (int i = 0; i < k; i++) {
                into.add((E) chunk[i]);
                chunk[i] = null;
            }
            if (k < want) {
                break;
            }
        }
        return total;
    }

    /** The iterator's and stream's receive: the element, {@link Signal#CLOSED} or a {@link Failure}. */
    Object receiveForIteration() throws InterruptedException {
        return receive0(FOREVER);
    }

    @Override
    public ChannelIterator<E> iterator() {
        return new ChanIterator<>(this::receiveForIteration, feed == null ? null : feed::iteratorClosed);
    }

    @Override
    public Stream<E> stream() {
        return ChanIterator.stream(iterator());
    }

    // ---------------------------------------------------------------- len, cap

    @Override
    public int len() {
        lock();
        int n = count;
        unlock();
        return n;
    }

    @Override
    public int cap() {
        return reportedCapacity;
    }

    @Override
    public String toString() {
        return "chan#" + id + "(cap " + reportedCapacity + ")";
    }

    /** A timeout as nanoseconds for the engine: never {@code <= 0} unless the timeout is zero or negative. */
    private static long nanos(Duration timeout) {
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
