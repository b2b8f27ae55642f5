package io.chanflow.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The first waiter: an unbuffered channel's receiver that waits in three fields of the channel instead of a
 * {@link Node}.
 *
 * <p>On an unbuffered channel (which no feed feeds), a blocking receive that finds no sender and nobody queued waits
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
 * writes, so a sender whose receivers never take the slot pays nothing for it. The slot
 * pays on a ping-pong and costs a stream nothing once switched off; the variants that lost are in the record.
 * See docs/adr/0004-first-waiter-slot.md.
 *
 * <p>The slot's state {@code slot} is {@link #SLOT_FREE}; {@link #SLOT_RECV} (a receiver waits, maybe spinning) or
 * {@link #SLOT_RECV_PARKED} (it announced its park, so its claimer must unpark it); {@link #SLOT_BUSY} for the few
 * instructions in which a claimer writes its outcome or the receiver gives up; or {@link #SLOT_DONE}, decided and
 * not yet freed. Invariants:
 * <ul>
 *   <li>A receiver takes the slot, under the lock, only when it is free and neither queue holds a node. So the
 *       slot's receiver is always older than every queued one, and every sender serves the slot before the queue
 *       ({@link ChanEngine#send0} and a select's first pass before they lock, {@link ChanEngine#sendNow} under the lock, so a select's
 *       locked pass too), as does {@link ChanEngine#close0}: FIFO order holds. Nothing else moves the state away from
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
 */
abstract class Slot extends SpinLock {
    static final VarHandle SLOT;

    static {
        try {
            SLOT = MethodHandles.lookup().findVarHandle(ChanHotFields.class, "slot", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    Slot(int bufferSize, FeedRing ring) {
        super(bufferSize, ring);
    }

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
    record SlotWait(ChanFields chan, boolean send) implements ChannelWait {
        @Override
        public boolean isSend() {
            return send;
        }

        @Override
        public Object channel() {
            return chan;
        }

        @Override
        public String toString() {
            return ChannelWait.describe(this);
        }
    }

    /** Whether a blocking receive that found no sender may wait in the slot. Caller holds the lock. */
    boolean slotTakable() {
        return buf == null && ring == null && slot == SLOT_FREE && recvHead == null && sendHead == null
                && slotMode != SLOT_OFF;
    }

    /** {@code slotMode}: never taken yet; taken at least once; switched off for good. */
    static final byte SLOT_UNUSED = 0, SLOT_USED = 1, SLOT_OFF = 2;

    /**
     * Accounts for a newcomer that found no counterpart, nobody queued, and the slot still held by a decided
     * waiter that has not freed it yet; it queues a node. This is a stream: the counterpart of the last hand-off came
     * straight back, faster than the slot's waiter frees the slot (one way, producer ahead). There the slot loses:
     * half the hand-offs go through the slot and half through nodes, and the waiter's freeing writes contend with
     * the newcomer for the channel's line. Each such miss adds 4 to {@code slotMisses} and each slot taken takes 1
     * off; past {@link Tuning#SLOT_MISS_LIMIT} the channel stops offering the slot (it then has nothing to take off), and
     * behaves as it did before the slot existed. A ping-pong, where the slot pays, never misses: the next taker comes
     * a whole round trip after the last claim. Caller holds the lock.
     */
    void slotMissed() {
        if (buf == null && slot == SLOT_DONE && recvHead == null && sendHead == null && slotMode != SLOT_OFF) {
            slotMisses += 4;
            if (slotMisses >= Tuning.SLOT_MISS_LIMIT) {
                slotMode = SLOT_OFF;
            }
        }
    }

    /**
     * Takes the slot for the calling receiver, which found no sender. The release store publishes its thread to
     * claimers, which read the state without the lock ({@code slotItem} is {@code null} while the slot is free).
     * Caller holds the lock and saw {@link #slotTakable()}.
     */
    void slotTake() {
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
     * is one. Returns {@code false} if none waits there. Kept out of {@link ChanEngine#send0} so that the engine stays small
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
    int slotClaim() {
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
    Thread slotDecided(int from) {
        if ((from & 1) == 0) {
            SLOT.setRelease(this, SLOT_DONE);
            return null;
        }
        Thread t = slotThread; // before SLOT_DONE: from then on the waiter may free the slot and leave
        SLOT.setVolatile(this, SLOT_DONE); // volatile, not release: the unpark that follows must find it visible
        return t;
    }

    /** For a claim made under the lock: leaves the thread to unpark in {@code slotWake}, for the unlocker. */
    void slotDecidedLocked(int from) {
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
    Object slotAwait(boolean timed, long deadline) throws InterruptedException {
        int waiting = SLOT_RECV, parked = SLOT_RECV_PARKED;
        int spins = Tuning.SPINS;
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
    boolean slotGiveUp(int parked) {
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
    Object slotFree() {
        Object r = slotItem;
        slotItem = null;
        slotThread = null;
        SLOT.setRelease(this, SLOT_FREE);
        return r;
    }
}
