package io.chanflow;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The channel: Go's {@code hchan} on virtual threads. Users see it as {@link Channel}.
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
 * <p>The lock is a test-and-test-and-set spin lock. Critical sections are a few dozen instructions and never
 * block, so a virtual thread never unmounts while holding it; a contender spins briefly and then yields (a
 * virtual thread on a buffered channel yields at once), unless it holds another channel's lock, in which case it
 * only spins (see {@link #lockSlow}: a holder that yields can be starved off its carrier). On one carrier the
 * holder cannot be descheduled by another virtual thread, so contention only arises between carriers or platform
 * threads. This is Go's {@code runtime.lock} design, and it avoids parking a virtual thread on a
 * {@code ReentrantLock} for a critical section far shorter than a park.
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
 * <h2>The waiting sender</h2>
 * On an unbuffered channel, a blocking send that finds no receiver waits with its element in the channel's
 * <em>deposit</em>, {@code dep}, instead of a {@link Node}: when nobody is queued it puts the element there with one
 * CAS from {@code null}, without the lock. A receive takes it with one CAS, also without the lock, and the sender,
 * spinning on the same word, sees it taken and frees the word for the next deposit with one more CAS. A receive
 * that finds nothing spins a while watching the word, without the lock and without announcing itself (no write),
 * before it locks and queues up. So a stream or a ping-pong between two goroutines moves one word, written once by
 * each side per element, and nothing else: no lock, no node, no queue. This is the shape of
 * {@code SynchronousQueue}'s and jox's lock-free hand-off in its one-waiter case; Go always takes the lock. Measured
 * on the README's 2-core machine against the engine before it (see {@code benchmarks/NOTEBOOK.md}, "The waiting
 * sender"): one way and ping-pong from behind or level with {@code SynchronousQueue} to ahead of it. The deposit is
 * used with several carriers only ({@link Waiter#DEPOSITS}): on one, nothing crosses between cores and the node
 * measured faster.
 *
 * <p>{@code dep} holds {@code null} (free: a sender may deposit without the lock), an element (a sender waits with
 * it), a {@link Held} element (a sender waits with it, and others have queued behind it), or a {@link DepMark}:
 * {@link #DEP_BLOCKED} (no deposit; only a lock holder may deposit, after checking the queues),
 * {@link #DEP_TAKEN} / {@link #DEP_TAKEN_BLOCKED} (taken, the sender has not seen it yet), {@link #DEP_CLOSED}
 * (withdrawn by a close). Invariants:
 * <ul>
 *   <li>{@code dep == null} only while no live node is queued, no receiver waits in the slot, and the channel is
 *       open. Whoever queues a node or takes the slot first moves {@code dep} off {@code null} under the lock
 *       ({@link #depBlock}: {@code null} to blocked, taken to taken-and-blocked, an element to {@link Held}; a
 *       receiver takes an element instead of queueing), and so does a close ({@link #depClose}). Only the
 *       depositor moves {@code dep} back to {@code null}, from {@link #DEP_TAKEN} (its acknowledgement) or from its
 *       own plain element (withdrawing it on interrupt or timeout), both states in which nobody queued since.</li>
 *   <li>A deposited element is older than every queued sender (they queued because it was there), so every
 *       receive takes the deposit before the send queue ({@link #receiveNow}, and a receive's lock-free start):
 *       FIFO order holds. A deposit is never made while a live receiver waits, so a receiver that queues while a
 *       deposit lands (a select's enqueue) is the only live one, and takes it ({@link #enqueue}).</li>
 *   <li>Exactly one CAS decides a deposit: a take, the depositor's withdrawal, or a close. Only the depositor moves
 *       on from a taken or closed state (to {@code null} or {@link #DEP_BLOCKED}), so no other sender can reuse the
 *       word before the depositor has seen its outcome: no ABA, even for equal elements.</li>
 *   <li>The depositor announces its park by writing {@code depThread} (volatile) and then re-reading {@code dep}; a
 *       taker or a close CASes {@code dep} and then reads {@code depThread}: one of them sees the other, so no
 *       wake-up is lost. The depositor clears {@code depThread} before any write that lets another sender deposit.
 *       A taker that holds the lock leaves the unpark to the unlocker ({@code slotWake}).</li>
 *   <li>Selects never deposit (a select's waiter spans several channels): a select's send queues a node.</li>
 * </ul>
 *
 * <h2>The first waiter</h2>
 * On an unbuffered channel (which no feed feeds), a blocking receive that finds no sender and nobody queued waits
 * in the <em>slot</em> instead of a {@link Node}: three fields of the channel itself ({@code slot},
 * {@code slotThread}, {@code slotItem}). A sender hands it the element with one CAS on {@code slot}, without taking
 * the lock, and the receiver allocates nothing.
 * Go has no such slot (its waiters are always {@code sudog}s in the queue, and it takes the lock for every
 * operation); it is the one-waiter case of {@code SynchronousQueue}'s and jox's lock-free designs, kept beside the
 * locked queue, which serves everything else.
 *
 * <p>With the deposit on (several carriers), a receiver takes the slot only after it has spun without finding a
 * deposit, so the slot serves a receiver that waits long; on one carrier it serves every first receiver, as before.
 * Only receivers take the slot (senders have the deposit). A stream (one way, the producer ahead) does not gain from
 * it: the sender comes back for its next send before the receiver it just served has freed the slot, so it waits
 * elsewhere (in the deposit, or a node), and the receiver's freeing writes contend with it for the channel's line.
 * So a channel counts such misses ({@link #slotMissed}) and, after a few dozen net of the slots taken, stops offering
 * the slot for good. Whether to look at the slot before locking is read from {@code slotMode}, on a line nobody
 * writes, so a sender whose receivers never take the slot pays nothing for it. Measured on the README's 2-core
 * machine with the engine before the slot and this one in one JVM, taking turns (time ÷ the old engine's, median of
 * 40 rounds, three runs): ping-pong 0.94, 0.93, 0.92; one way 0.99, 1.00, 0.97; select over two unbuffered channels
 * 1.01, 1.06, 1.24 (the last run's quartiles 0.82–1.57: noise). The variants that lost, with their figures, are in
 * {@code benchmarks/NOTEBOOK.md} under "The first waiter in the engine": senders in the slot too (select 1.26 and
 * 1.30); the claim under the lock (the waiter, spinning on the lock's own line, takes it back between the claimer's
 * lock, claim and unlock); the slot never switched off, or the switch on the hot line (one way 5–8 % slower); a
 * newcomer that waits for the slot to be freed instead of queueing (one way about 1.5× slower).
 *
 * <p>The slot's state {@code slot} is {@link #SLOT_FREE}; {@link #SLOT_RECV} (a receiver waits, maybe spinning) or
 * {@link #SLOT_RECV_PARKED} (it announced its park, so its claimer must unpark it); {@link #SLOT_BUSY} for the few
 * instructions in which a claimer writes its outcome or the receiver gives up; or {@link #SLOT_DONE}, decided and
 * not yet freed. Invariants:
 * <ul>
 *   <li>A receiver takes the slot, under the lock, only when it is free and neither queue holds a node. So the
 *       slot's receiver is always older than every queued one, and every sender serves the slot before the queue
 *       ({@link #send0} and a select's first pass before they lock, {@link #sendNow} under the lock, so a select's
 *       locked pass too), as does {@link #close0}: FIFO order holds. Nothing else moves the state away from
 *       {@link #SLOT_FREE}, and only the slot's own receiver moves it back.</li>
 *   <li>Every decision is one CAS from {@link #SLOT_RECV} or {@link #SLOT_RECV_PARKED} to {@link #SLOT_BUSY}: a
 *       claim (a sender, or a close) or the receiver's give-up (interrupt, timeout; from parked only). Exactly one
 *       succeeds. A claimer then writes {@code slotItem} (the element, or the closure) and stores
 *       {@link #SLOT_DONE}; if it claimed from parked it reads {@code slotThread} first and unparks it afterwards,
 *       with no lock held. It learns "unpark" from the state its own CAS replaced, never from an earlier read.</li>
 *   <li>The receiver moves {@link #SLOT_RECV} to {@link #SLOT_RECV_PARKED} with a CAS; if that fails the state is
 *       {@link #SLOT_BUSY} or {@link #SLOT_DONE} and it keeps spinning until {@link #SLOT_DONE}, since that claimer
 *       will not unpark it. Parked, it sleeps through {@link #SLOT_BUSY}: that claimer will.</li>
 *   <li>After {@link #SLOT_DONE} (or its own give-up's {@link #SLOT_BUSY}) only the receiver touches the slot: it
 *       reads {@code slotItem}, clears the fields and stores {@link #SLOT_FREE} with release semantics, without the
 *       lock. A lock holder that finds the slot decided or busy queues a node instead; nobody waits for the slot to
 *       be freed. A taker reads {@link #SLOT_FREE} under the lock, writes its thread, and publishes it with a release
 *       store of {@link #SLOT_RECV}, which claimers read (volatile) before they touch the fields.</li>
 *   <li>A close claims the slot's receiver like a sender, with the closure; a claim already under way when the
 *       close comes was a hand-off before the close. Once closed, no receiver takes the slot.</li>
 *   <li>A select never waits in the slot: its waiter is shared by nodes on several channels.</li>
 * </ul>
 *
 * <h2>Feeds</h2>
 * A channel made by a {@link ChannelFeed} has exactly one producer, the feed, whose offers are serial (a Reactive
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
 *   <li>A receiver that finds the channel empty and may block first yields its carrier ({@link #yieldForStaged};
 *       a virtual thread with more than one carrier only) and retries, holding no lock while it yields. Only then
 *       does it queue up, after which the feed's next offer must take the lock to hand it an element: a yield lets
 *       the producer stage a run of elements without the lock meanwhile.</li>
 *   <li>Every element taken is counted under the lock (the ring's {@code unreported}); each full batch is added
 *       to its {@code reportDue}, which a thread that took elements empties with one {@code getAndSet} after it
 *       unlocked ({@link #reportTaken}) and tells the feed's listener. So the listener hears of each batch exactly
 *       once, never under a lock, and receivers pay one atomic per batch, not one per element.</li>
 * </ul>
 *
 * <p>Happens-before: every completed transfer passes through this lock, or through a claim CAS (or the slot's
 * release store of {@link #SLOT_DONE}) followed by the waiter's volatile read of its state, so a send
 * happens-before the receive that completes it, a close happens-before a receive that reports closure, and the k-th
 * receive happens-before the (k+C)-th send completes (the k-th receive frees the slot the (k+C)-th send takes under
 * the same lock).
 */
final class Chan<E> extends ChanHotFields implements Channel<E> {
    private static final AtomicLong IDS = new AtomicLong();
    private static final VarHandle LOCK;
    private static final VarHandle SLOT;
    private static final VarHandle DEP;

    static {
        try {
            LOCK = MethodHandles.lookup().findVarHandle(ChanHotFields.class, "lock", int.class);
            SLOT = MethodHandles.lookup().findVarHandle(ChanHotFields.class, "slot", int.class);
            DEP = MethodHandles.lookup().findVarHandle(ChanDepFields.class, "dep", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Spins before yielding in {@link #lockSlow}, for an unbuffered channel or a platform thread: a critical section
     * lasts well under this many spin waits. A virtual thread contending for a buffered channel's lock does not
     * spin; see {@link #lockSlow}.
     */
    private static final int LOCK_SPINS = 64;

    /** Creation order; gives a total order on channels for a select that must lock several. */
    final long id = IDS.getAndIncrement();
    private final int capacity; // of the buffer (a feed's buffers one more than cap() when asked for 0)
    private final Object[] buf; // null when unbuffered

    // Guarded by `lock`, with the fields of ChanHotFields.
    private boolean closed;
    /**
     * The slot's standing: {@link #SLOT_UNUSED} until a receiver first takes it, then {@link #SLOT_USED}, and
     * {@link #SLOT_OFF} for good once {@code slotMisses} reaches {@link #SLOT_MISS_LIMIT}. Written under the lock, at
     * most twice in the channel's life; read also without it, by {@link #slotServes()}, as a hint (a stale value
     * costs one read of the hot line, or one lock-free claim missed). It lies here, away from the hot fields, so that
     * this read hits a line nobody writes: a sender whose receivers never use the slot (a select, a queue of
     * receivers) does not read the hot line before it locks it, which would fetch the line twice.
     */
    byte slotMode;
    /** What receives report once closed and drained: {@link Signal#CLOSED}, or a {@link Failure} with the cause. */
    private Object closure = Signal.CLOSED;

    /**
     * A feed's staging ring, with the fields its producer uses and, on lines of their own, the receivers' accounts
     * of it and the feed itself; {@code null} for other channels, which so pay one field for feeds. See "Feeds".
     */
    private final FeedRing ring;

    /**
     * The functions {@link #watchClose} registered, run once by the close; {@code null} until the first one. Guarded
     * by this channel's monitor, not by {@code lock}, so the spin lock's critical sections stay allocation-free and
     * channels nobody watches pay one null field.
     */
    private List<Runnable> closeWatchers;

    Chan(int capacity) {
        this(capacity, null);
    }

    /**
     * A channel whose buffer holds {@code bufferSize} elements; for a feed, with its ring, whose feed tells
     * {@link #cap()}.
     */
    Chan(int bufferSize, FeedRing ring) {
        if (bufferSize < 0) {
            throw new IllegalArgumentException("makechan: size out of range (negative capacity " + bufferSize + ")");
        }
        this.capacity = bufferSize;
        this.buf = bufferSize == 0 ? null : new Object[bufferSize];
        this.ring = ring;
    }

    // ---------------------------------------------------------------- the slot (see "The first waiter")

    /** {@code slot}: free; decided by a claim and not yet freed by its waiter. */
    static final int SLOT_FREE = 0, SLOT_DONE = 1;
    /** {@code slot}: a receiver waits, maybe spinning; a receiver waits parked (its claimer unparks it). */
    static final int SLOT_RECV = 2, SLOT_RECV_PARKED = 3;
    /** {@code slot}: held for a moment by a claimer writing the outcome, or by the waiter giving up. */
    static final int SLOT_BUSY = 4;

    /**
     * What a goroutine dump shows for a goroutine parked in the slot, which has no {@link Node} to show: made only
     * by a goroutine about to park, so the hand-offs that never park allocate nothing.
     */
    record SlotWait(Chan<?> chan, boolean send) {
        @Override
        public String toString() {
            return (send ? "chan send on " : "chan receive on ") + chan;
        }
    }

    /** Whether a blocking receive that found no sender may wait in the slot. Caller holds the lock. */
    private boolean slotTakable() {
        return buf == null && ring == null && slot == SLOT_FREE && recvHead == null && sendHead == null
                && slotMode != SLOT_OFF;
    }

    /**
     * How far {@code slotMisses} may climb before the slot is switched off for good: see {@link #slotMissed()}.
     */
    private static final int SLOT_MISS_LIMIT = 64;

    /** {@code slotMode}: never taken yet; taken at least once; switched off for good. */
    static final byte SLOT_UNUSED = 0, SLOT_USED = 1, SLOT_OFF = 2;

    /**
     * Accounts for a newcomer that found no counterpart, nobody queued, and the slot still held by a decided
     * waiter that has not freed it yet; it queues a node. This is a stream: the counterpart of the last hand-off came
     * straight back, faster than the slot's waiter frees the slot (one way, producer ahead). There the slot loses:
     * half the hand-offs go through the slot and half through nodes, and the waiter's freeing writes contend with
     * the newcomer for the channel's line. Each such miss adds 4 to {@code slotMisses} and each slot taken takes 1
     * off; past {@link #SLOT_MISS_LIMIT} the channel stops offering the slot (it then has nothing to take off), and
     * behaves as it did before the slot existed. A ping-pong, where the slot pays, never misses: the next taker comes
     * a whole round trip after the last claim. Caller holds the lock.
     */
    private void slotMissed() {
        if (buf == null && slot == SLOT_DONE && recvHead == null && sendHead == null && slotMode != SLOT_OFF) {
            slotMisses += 4;
            if (slotMisses >= SLOT_MISS_LIMIT) {
                slotMode = SLOT_OFF;
            }
        }
    }

    /**
     * Takes the slot for the calling receiver, which found no sender. The release store publishes its thread to
     * claimers, which read the state without the lock ({@code slotItem} is {@code null} while the slot is free).
     * Caller holds the lock and saw {@link #slotTakable()}.
     */
    private void slotTake() {
        if (slotMisses > 0) {
            slotMisses--;
        } else if (slotMode == SLOT_UNUSED) {
            slotMode = SLOT_USED;
        }
        slotThread = Thread.currentThread();
        SLOT.setRelease(this, SLOT_RECV);
    }

    /** Whether this channel may have a receiver waiting in its slot, for {@link #sendToSlot}. */
    boolean slotServes() {
        return buf == null && slotMode == SLOT_USED;
    }

    /**
     * The lock-free start of a send: hands {@code e} to a receiver waiting in the slot, the oldest receiver if there
     * is one. Returns {@code false} if none waits there. Kept out of {@link #send0} so that the engine stays small
     * enough for the JIT to inline it into {@code send}.
     */
    boolean sendToSlot(Object e) {
        int s = slotClaim();
        if (s < 0) {
            return false;
        }
        slotItem = e;
        Thread t = slotDecided(s);
        if (t != null) {
            LockSupport.unpark(t);
        }
        return true;
    }

    /**
     * Starts a claim of the slot's receiver: moves the state from {@link #SLOT_RECV} or {@link #SLOT_RECV_PARKED}
     * to {@link #SLOT_BUSY} with a CAS. Returns the state it moved from, or {@code -1} if no receiver is there. The
     * caller then writes {@code slotItem} and ends the claim with {@link #slotDecided}. Needs no lock: the CAS
     * decides against other claimers and against the waiter's own moves (to parked, or giving up), and the slot's
     * receiver is the oldest receiver (FIFO).
     */
    private int slotClaim() {
        for (;;) {
            int s = slot;
            if (s != SLOT_RECV && s != SLOT_RECV_PARKED) {
                return -1;
            }
            if (SLOT.compareAndSet(this, s, SLOT_BUSY)) {
                return s;
            }
        }
    }

    /**
     * Ends a claim that {@link #slotClaim} started from state {@code from}: publishes the outcome with
     * {@link #SLOT_DONE}. Returns the waiter's thread if it announced its park (the caller unparks it, after
     * releasing any lock it holds), else {@code null}: a waiter that did not announce its park sees the claim by
     * itself, and nothing more is written to the line it reads.
     */
    private Thread slotDecided(int from) {
        if ((from & 1) == 0) {
            SLOT.setRelease(this, SLOT_DONE);
            return null;
        }
        Thread t = slotThread; // before SLOT_DONE: from then on the waiter may free the slot and leave
        SLOT.setVolatile(this, SLOT_DONE); // volatile, not release: the unpark that follows must find it visible
        return t;
    }

    /** For a claim made under the lock: leaves the thread to unpark in {@code slotWake}, for the unlocker. */
    private void slotDecidedLocked(int from) {
        Thread t = slotDecided(from);
        if (t != null) {
            slotWake = t;
        }
    }

    /** The thread a claim of the slot found parked, to unpark once the lock is released; clears it (lock held). */
    Thread takeSlotWake() {
        Thread t = slotWake;
        if (t != null) {
            slotWake = null;
        }
        return t;
    }

    /**
     * Waits in the slot, which the calling receiver took and then unlocked: spins like {@link Waiter#await}, then
     * announces its park and parks until claimed. Returns what the claimer left in {@code slotItem} (the element, or
     * the closure), having freed the slot; {@link Signal#NONE} if {@code timed} and past {@code deadline}, nothing
     * received. A claim that wins against an interrupt leaves the interrupt flag set.
     *
     * @throws InterruptedException if interrupted while parked and before any claim (nothing received)
     */
    private Object slotAwait(boolean timed, long deadline) throws InterruptedException {
        int waiting = SLOT_RECV, parked = SLOT_RECV_PARKED;
        int spins = Waiter.SPINS;
        for (;;) {
            int s = slot;
            if (s == SLOT_DONE) {
                return slotFree();
            }
            if (s == waiting) {
                if (spins > 0) {
                    spins--;
                } else if (SLOT.compareAndSet(this, waiting, parked)) {
                    break; // from now on a claimer unparks us
                }
            } // else SLOT_BUSY: a claimer from `waiting` is writing the outcome and will not unpark us
            Thread.onSpinWait();
        }
        Goroutine g = Goroutine.current();
        Object blocker = this;
        if (g != null) {
            blocker = new SlotWait(this, false);
            g.blockedOn(blocker);
        }
        boolean interrupted = false;
        try {
            int s;
            while ((s = slot) != SLOT_DONE) {
                if (s != parked) {
                    LockSupport.park(blocker); // SLOT_BUSY: claimed from `parked`, so the claimer unparks us
                } else if (Thread.interrupted()) {
                    if (slotGiveUp(parked)) {
                        throw new InterruptedException();
                    }
                    interrupted = true; // the hand-off won: complete, and leave the flag to the caller
                } else if (timed) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0L) {
                        if (slotGiveUp(parked)) {
                            return Signal.NONE;
                        }
                    } else {
                        LockSupport.parkNanos(blocker, remaining);
                    }
                } else {
                    LockSupport.park(blocker);
                }
            }
        } finally {
            if (g != null) {
                g.blockedOn(null);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return slotFree();
    }

    /**
     * The slot's waiter gives up from {@code parked}, by the same CAS a claimer makes, so exactly one of them wins.
     * Returns {@code false} if a claim came first (the waiter then completes).
     */
    private boolean slotGiveUp(int parked) {
        if (!SLOT.compareAndSet(this, parked, SLOT_BUSY)) {
            return false;
        }
        slotItem = null;
        slotThread = null;
        SLOT.setRelease(this, SLOT_FREE);
        return true;
    }

    /**
     * The slot's waiter, having seen {@link #SLOT_DONE}, takes the claimer's outcome and frees the slot. No lock: after
     * {@link #SLOT_DONE} nobody else reads or writes the fields until they see {@link #SLOT_FREE}, which the release
     * store publishes after the clearing writes.
     */
    private Object slotFree() {
        Object r = slotItem;
        slotItem = null;
        slotThread = null;
        SLOT.setRelease(this, SLOT_FREE);
        return r;
    }

    // ---------------------------------------------------------------- the deposit (see "The waiting sender")

    /** A state of {@code dep} other than a deposited element. */
    static final class DepMark {
        private final String name;

        private DepMark(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code dep}: no deposit, and none may be made without the lock (someone may be queued, or it is closed). */
    static final DepMark DEP_BLOCKED = new DepMark("DEP_BLOCKED");
    /** {@code dep}: a receiver took the deposit; its sender has not seen it yet. */
    static final DepMark DEP_TAKEN = new DepMark("DEP_TAKEN");
    /** {@code dep}: as {@link #DEP_TAKEN}, and deposits are blocked: the sender leaves {@link #DEP_BLOCKED}. */
    static final DepMark DEP_TAKEN_BLOCKED = new DepMark("DEP_TAKEN_BLOCKED");
    /** {@code dep}: a close withdrew the deposit; its sender throws, and leaves {@link #DEP_BLOCKED}. */
    static final DepMark DEP_CLOSED = new DepMark("DEP_CLOSED");

    /** {@code dep}: a deposit that others now queue behind, so that deposits stay blocked once it is gone. */
    static final class Held {
        final Object item;

        Held(Object item) {
            this.item = item;
        }
    }

    /** The element deposited in {@code d}, a value of {@code dep}, or {@code null} if it holds none. */
    private static Object depositOf(Object d) {
        if (d == null || d instanceof DepMark) {
            return null;
        }
        return d instanceof Held h ? h.item : d;
    }

    /** Whether {@code d}, a value of {@code dep}, is still the deposit of element {@code e}. */
    private static boolean isDeposit(Object d, Object e) {
        return d == e || (d instanceof Held h && h.item == e);
    }

    /**
     * Takes the deposited element, if a sender waits with one: returns it, or {@code null}. A taker holding the lock
     * ({@code locked}) leaves a parked sender to be unparked after unlocking; one without unparks it here.
     */
    private Object depTake(boolean locked) {
        for (;;) {
            Object d = dep;
            Object e = depositOf(d);
            if (e == null) {
                return null;
            }
            if (DEP.compareAndSet(this, d, d instanceof Held ? DEP_TAKEN_BLOCKED : DEP_TAKEN)) {
                Thread t = depThread; // after the CAS: the sender announces its park before it re-reads dep
                if (t != null) {
                    if (!locked) {
                        LockSupport.unpark(t);
                    } else if (slotWake == null) {
                        slotWake = t;
                    } else {
                        LockSupport.unpark(t); // a drain took a second deposit in one critical section: rare
                    }
                }
                return e;
            }
        }
    }

    /**
     * Before a goroutine queues up on an unbuffered channel (a node, or the slot): stops lock-free deposits. A
     * receiver ({@code !send}) takes a deposit it finds instead, and returns it (it must then not queue); a sender
     * leaves the deposit in place, marked {@link Held} so that deposits stay blocked once it is gone. Returns
     * {@code null} otherwise. Caller holds the lock.
     */
    private Object depBlock(boolean send) {
        for (;;) {
            Object d = dep;
            Object to;
            if (d == null) {
                to = DEP_BLOCKED;
            } else if (d == DEP_TAKEN) {
                to = DEP_TAKEN_BLOCKED;
            } else if (d instanceof DepMark || (send && d instanceof Held)) {
                return null;
            } else if (!send) {
                Object e = depTake(true);
                if (e != null) {
                    return e;
                }
                continue;
            } else {
                to = new Held(d);
            }
            if (DEP.compareAndSet(this, d, to)) {
                return null;
            }
        }
    }

    /**
     * The close's part: blocks deposits for good and withdraws a deposit still waiting, whose sender then throws.
     * Returns that sender's thread if it may have parked (to unpark once unlocked), else {@code null}. A deposit
     * already taken stays taken: that hand-off came before the close. Caller holds the lock.
     */
    private Thread depClose() {
        for (;;) {
            Object d = dep;
            Object to;
            if (d == null) {
                to = DEP_BLOCKED;
            } else if (d == DEP_TAKEN) {
                to = DEP_TAKEN_BLOCKED;
            } else if (d instanceof DepMark) {
                return null;
            } else {
                to = DEP_CLOSED;
            }
            if (DEP.compareAndSet(this, d, to)) {
                return to == DEP_CLOSED ? depThread : null;
            }
        }
    }

    /**
     * Waits as the sender whose element {@code e} is deposited, until a receiver takes it or a close withdraws it:
     * spins like {@link Waiter#await}, then parks. Returns {@code true} once taken, {@code false} if {@code timed} and
     * past {@code deadline} (withdrawn, not sent). A take that wins against an interrupt leaves the interrupt flag set.
     *
     * @throws InterruptedException if interrupted while parked and before a take (withdrawn, not sent)
     */
    private boolean depAwait(Object e, boolean timed, long deadline) throws InterruptedException {
        Object d;
        for (int spins = Waiter.SPINS; isDeposit(d = dep, e); spins--) {
            if (spins <= 0) {
                return depPark(e, timed, deadline);
            }
            Thread.onSpinWait();
        }
        return depDone(d);
    }

    private boolean depPark(Object e, boolean timed, long deadline) throws InterruptedException {
        Thread self = Thread.currentThread();
        Goroutine g = Goroutine.current();
        Object blocker = this;
        if (g != null) {
            blocker = new SlotWait(this, true);
            g.blockedOn(blocker);
        }
        boolean interrupted = false;
        Object d;
        try {
            for (;;) {
                depThread = self; // then re-read dep; a taker CASes dep and then reads depThread
                d = dep;
                if (!isDeposit(d, e)) {
                    break;
                }
                if (interrupted || Thread.interrupted()) {
                    interrupted = true; // giving up; if the withdrawal fails, the loop reads why and tries again
                    depThread = null; // before a withdrawal lets another sender deposit and announce its park
                    if (depWithdraw(d)) {
                        throw new InterruptedException();
                    }
                    // Taken or closed meanwhile (the loop ends), or marked held (the loop withdraws that).
                } else if (timed) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0L) {
                        depThread = null;
                        if (depWithdraw(d)) {
                            return false;
                        }
                    } else {
                        LockSupport.parkNanos(blocker, remaining);
                    }
                } else {
                    LockSupport.park(blocker);
                }
            }
            depThread = null; // before the acknowledgement lets another sender deposit
        } finally {
            if (g != null) {
                g.blockedOn(null);
            }
        }
        if (interrupted) {
            self.interrupt();
        }
        return depDone(d);
    }

    /** Withdraws the deposit {@code d}, the caller's, giving up; {@code false} if it was taken or closed first. */
    private boolean depWithdraw(Object d) {
        // A plain deposit means nobody queued behind it, so deposits may go on; a held one keeps them blocked.
        return DEP.compareAndSet(this, d, d instanceof Held ? DEP_BLOCKED : null);
    }

    /**
     * The depositor's acknowledgement of {@code d}, what replaced its deposit: frees {@code dep} for the next deposit,
     * or leaves it blocked. Returns {@code true} (sent); throws if a close withdrew the deposit.
     */
    private boolean depDone(Object d) {
        if (d == DEP_TAKEN && DEP.compareAndSet(this, DEP_TAKEN, null)) {
            return true;
        }
        dep = DEP_BLOCKED; // from DEP_TAKEN_BLOCKED or DEP_CLOSED, which only this sender moves on from
        if (d == DEP_CLOSED) {
            throw sendOnClosed();
        }
        return true;
    }

    /**
     * For a receive on an unbuffered channel that found nothing: spins without the lock and without announcing
     * itself, taking a deposit as soon as one appears; gives up after {@link Waiter#SPINS}, or once senders queue or
     * the channel closes. Returns the element, or {@code null}.
     */
    private Object depSpin() {
        for (int spins = Waiter.SPINS; spins > 0; spins--) {
            Object d = dep;
            if (depositOf(d) != null) {
                Object e = depTake(false);
                if (e != null) {
                    return e;
                }
            } else if (sendHead != null || closed) {
                break;
            }
            Thread.onSpinWait();
        }
        return null;
    }

    /** Whether a {@link ChannelFeed} feeds this channel (see "Feeds"). */
    boolean isFed() {
        return ring != null;
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
     * <p>On a buffered channel a virtual thread yields at its first failed attempt instead of spinning. There the
     * holder is a sender or receiver working on the buffer, not a counterpart about to complete a hand-off, and
     * spinning keeps both carriers on the same lock, buffer and counter lines, which then cross between the cores on
     * every operation; yielding lets the holder's side run on alone with its lines in its own cache and fill (or
     * drain) the buffer in a batch, which the yielder then empties (or refills) in one run. Measured on the README's
     * 2-core machine, paired interleaved runs, yielding at once against spinning 64 times: one-way buffered(1024)
     * 49–55 ns per item against 245–389; 4 &times; 4 on buffered(1024) 55–57 against 218–252; select over two
     * buffered(16) channels 205–226 against 438–482; unbuffered rows slightly slower, so a rendezvous keeps the
     * spin. A platform thread's yield is a system call that gives its CPU to any other thread, so it keeps the spin
     * too.
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
        int limit = capacity > 0 && Thread.currentThread().isVirtual() ? 1 : LOCK_SPINS;
        int spins = 0;
        for (;;) {
            if (lock == 0 && LOCK.compareAndSet(this, 0, 1)) {
                return;
            }
            if (++spins < limit || !mayYield) {
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
        linkNode(n);
        if (buf != null) {
            return;
        }
        // Stop lock-free deposits while someone waits (see "The waiting sender").
        if (n.send || !n.owner().undecided()) {
            depBlock(true); // a deposit stays: it is older than this sender; a dead select node takes nothing
            return;
        }
        Object e = depBlock(false);
        if (e != null) {
            // Deposited without the lock since this receiver looked. It is the only live receiver (no deposit is made
            // while one waits), and nobody else can decide its waiter while the lock is held: the element is its.
            pollReceiver(e);
        }
    }

    private void linkNode(Node n) {
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
            if (ring != null && !ring.receiversWait) {
                ring.receiversWait = true; // then the caller re-reads the next slot (feedStaged): Dekker with stage()
            }
        }
    }

    /** After the receive queue may have emptied: keeps {@link #receiversWait} equal to {@code recvHead != null}. */
    private void receiversMayHaveLeft() {
        if (ring != null && recvHead == null && ring.receiversWait) {
            ring.receiversWait = false;
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
        if (!n.send) {
            receiversMayHaveLeft();
        }
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
            int c = n.claim();
            if (c != Waiter.LOST) {
                if (c == Waiter.CLAIMED_PARKED) {
                    pushClaimed(n);
                }
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
            int c = n.claim();
            if (c != Waiter.LOST) {
                if (c == Waiter.CLAIMED_PARKED) {
                    pushClaimed(n);
                }
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
        if (ring != null) {
            ring.departed();
        }
        return e;
    }

    // ---------------------------------------------------------------- immediate steps (caller holds the lock)

    /**
     * Adds a node just claimed from {@link Waiter#PARKED} to {@link #claimed}, to be unparked after unlocking. A node
     * claimed while its owner spins is not added: the owner sees the claim by itself, and nothing is written to the
     * node after the claim CAS (the owner is reading the node's line; a store would take the line back from its
     * core). The node is unlinked, so its {@code next} is already {@code null}: the first node of a chain is not
     * written to either, and neither {@link #concat} nor {@link #release} writes a link that is already
     * {@code null}. Only the second and later nodes of a chain (a close, a feed handing out a batch) are linked.
     */
    private void pushClaimed(Node n) {
        Node c = claimed;
        if (c != null) {
            n.next = c;
        }
        claimed = n;
    }

    /** The chain of claimed nodes, for {@link #release} after unlocking; clears it. Caller holds the lock. */
    Node takeClaimed() {
        Node n = claimed;
        claimed = null;
        return n;
    }

    /** Appends {@code rest} to the chain {@code chain}; either may be {@code null}. */
    static Node concat(Node chain, Node rest) {
        if (chain == null) {
            return rest;
        }
        if (rest == null) {
            return chain; // no store to a claimed node: see pushClaimed
        }
        Node last = chain;
        while (last.next != null) {
            last = last.next;
        }
        last.next = rest;
        return chain;
    }

    /** Unparks the owner of every node of a chain from {@link #takeClaimed()}, with no lock held. */
    static void release(Node chain) {
        while (chain != null) {
            Node x = chain.next;
            if (x != null) {
                chain.next = null; // only a link that is set: see pushClaimed
            }
            LockSupport.unpark(chain.owner().thread);
            chain = x;
        }
    }

    /** Releases the lock, then wakes the owners of the nodes claimed under it and reports what left a feed. */
    void unlockAndRelease() {
        Node w = takeClaimed();
        Thread t = takeSlotWake();
        unlock();
        if (t != null) {
            LockSupport.unpark(t);
        }
        release(w);
        reportTaken();
    }

    /**
     * For a feed's channel, tells its listener of the full batches of elements taken and not yet told. Called with no
     * lock held by every thread that took elements from the buffer (receiving them, or handing them to waiting
     * receivers), after it unlocked: the one that completed a batch finds it due, unless another thread told it first.
     */
    void reportTaken() {
        if (ring != null && ring.reportDue != 0) {
            int n = ring.takeReport();
            if (n != 0) {
                ring.feed.taken(n);
            }
        }
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

    /**
     * Completes a send of {@code e} now if a receiver waits or the buffer has room. The channel must be open.
     * A receiver claimed while parked is left in {@link #claimed}, to be unparked.
     */
    boolean sendNow(Object e) {
        if (buf == null) {
            int s = slotClaim(); // the oldest receiver, if any: see "The first waiter"
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
     * {@link Signal#NONE}. A sender claimed while parked is left in {@link #claimed}, to be unparked.
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

    // ---------------------------------------------------------------- feeds (see the overview)

    /**
     * {@link #receiveNow} for a feed's channel, which has no senders: the oldest buffered element, else the oldest
     * staged one, taken from the ring without moving it into the buffer first (staged elements are younger than
     * buffered ones, so this keeps FIFO order). Receivers already waiting are served first, as Go's runtime serves
     * its queue of waiting receivers before a newcomer: a newcomer then gets only what is left, or queues up.
     */
    private Object feedReceiveNow() {
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
     * that receivers wait only on an empty buffer again. Receivers claimed while parked join {@link #claimed}. On a
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
        if (slotServes() && sendToSlot(e)) {
            return true;
        }
        if (Waiter.DEPOSITS && buf == null && nanos != 0L && DEP.compareAndSet(this, null, e)) {
            return depAwait(e, nanos > 0L, deadline); // null: nobody queued, not closed (see "The waiting sender")
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
        if (Waiter.DEPOSITS && buf == null && sendHead == null && recvHead == null) {
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
        int s = n.await(nanos > 0L, deadline, n, capacity == 0 ? Waiter.SPINS : Waiter.BUFFERED_SPINS);
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
        int st = n.await(nanos > 0L, deadline, n, capacity == 0 ? Waiter.SPINS : Waiter.BUFFERED_SPINS);
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
     * {@link Waiter#FEED_YIELDS} times, retrying after each, before it queues up and parks (see "Feeds" in the
     * overview). Caller holds the lock, and holds it again on return; returns what {@link #receiveNow} returned
     * last.
     */
    private Object yieldForStaged() {
        int yields = Waiter.FEED_YIELDS;
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
        if (ring != null) {
            feedStaged(); // what the feed staged before the close is delivered before the closure
            wake = takeClaimed();
            ring.closed = true;
        }
        closed = true;
        closure = how;
        Thread depositor = depClose(); // a deposit taken before this was a hand-off before the close
        // Claim every waiter with the closure; chain the parked ones through `next` to unpark after unlocking.
        for (Node n = recvHead; n != null; ) {
            Node x = n.next;
            n.linked = false;
            n.prev = n.next = null;
            n.item = how;
            if (n.claim() == Waiter.CLAIMED_PARKED) {
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
            if (n.claim() == Waiter.CLAIMED_PARKED) {
                n.next = wake;
                wake = n;
            }
            n = x;
        }
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
        return new ChanIterator<>(this::receiveForIteration, ring == null ? null : ring.feed::iteratorClosed);
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

    @Override
    public int cap() {
        return ring == null ? capacity : ring.feed.capacity();
    }

    @Override
    public String toString() {
        return "chan#" + id + "(cap " + cap() + ")";
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

/**
 * The fields of a {@link Chan} that every operation writes, declared in a superclass so that HotSpot lays them out
 * first and together, right after the object header (it places a superclass's fields before a subclass's, and
 * within a class groups them by size, which scatters them among the read-only ones). A hand-off between two
 * threads on different cores moves the cache line holding these fields from one core to the other; spread over
 * two lines, as they were, it often moves two. The read-only fields (capacity, buffer, ring) follow; nobody writes
 * their line, so both cores keep a copy.
 */
abstract class ChanDepFields {
    /**
     * The waiting sender's deposit (see "The waiting sender" in {@link Chan}): {@code null} when a sender may
     * deposit without the lock; its element, or a {@link Chan.Held} of it, while it waits; else a
     * {@link Chan.DepMark}. {@code depThread} is the depositor, once it announced its park.
     */
    volatile Object dep;
    volatile Thread depThread;
}

abstract class ChanHotFields extends ChanDepFields {
    /** 0 free, 1 held: see {@link Chan#lock()}. */
    volatile int lock;

    // All below guarded by `lock`.
    int head;
    int count;
    Node recvHead, recvTail, sendHead, sendTail;

    /**
     * The nodes claimed from {@link Waiter#PARKED} by {@link Chan#sendNow}, {@link Chan#receiveNow} and
     * {@link Chan#feedStaged} since the last {@link Chan#takeClaimed()}, chained through {@link Node#next} (they are
     * unlinked, so the link is free): their owners are to be unparked by the caller once it has released the lock
     * (and, for a select, every other lock), with {@link Chan#release}. Nodes claimed while their owner spun are
     * not here: their owners see the claim by themselves.
     */
    Node claimed;

    /**
     * The first receiver (see "The first waiter" in {@link Chan}): its state, taken under the lock and decided by CAS
     * with or without it; its thread, written by the taker under the lock before it publishes the state; the item,
     * written by the claimer that holds the state {@link Chan#SLOT_BUSY}; both cleared by the receiver itself once it
     * has seen {@link Chan#SLOT_DONE} (or given up), before it frees the slot.
     */
    volatile int slot;
    Thread slotThread;
    Object slotItem;

    /** Guarded by {@code lock}: the slot's waiter that a claim found parked, to unpark after unlocking. */
    Thread slotWake;

    /** Guarded by {@code lock}: newcomers that found the slot not yet freed, less slots taken (see slotMissed). */
    int slotMisses;

}
