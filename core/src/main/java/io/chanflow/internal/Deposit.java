package io.chanflow.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The waiting sender: an unbuffered channel's sender that waits with its element in the channel's {@code dep}
 * word instead of a {@link Node}.
 *
 * <p>On an unbuffered channel, a blocking send that finds no receiver waits with its element in the channel's
 * <em>deposit</em>, {@code dep}, instead of a {@link Node}: when nobody is queued it puts the element there with one
 * CAS from {@code null}, without the lock. A receive takes it with one CAS, also without the lock, and the sender,
 * spinning on the same word, sees it taken and frees the word for the next deposit with one more CAS. A receive
 * that finds nothing spins a while watching the word, without the lock and without announcing itself (no write),
 * before it locks and queues up. So a stream or a ping-pong between two goroutines moves one word, written once by
 * each side per element, and nothing else: no lock, no node, no queue. This is the shape of
 * {@code SynchronousQueue}'s and jox's lock-free hand-off in its one-waiter case; Go always takes the lock. It
 * saves the cache-line crossings of the lock and the node, so it is used with several carriers only
 * ({@link Tuning#DEPOSITS}). See docs/adr/0003-waiting-sender-deposit.md.
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
 *       receive takes the deposit before the send queue ({@link ChanEngine#receiveNow}, and a receive's lock-free start):
 *       FIFO order holds. A deposit is never made while a live receiver waits, so a receiver that queues while a
 *       deposit lands (a select's enqueue) is the only live one, and takes it ({@link WaitQueue#enqueue}).</li>
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
 */
abstract class Deposit extends Slot {
    static final VarHandle DEP;

    static {
        try {
            DEP = MethodHandles.lookup().findVarHandle(ChanDepFields.class, "dep", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    Deposit(int bufferSize, FeedRing ring) {
        super(bufferSize, ring);
    }

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
    static Object depositOf(Object d) {
        if (d == null || d instanceof DepMark) {
            return null;
        }
        return d instanceof Held h ? h.item : d;
    }

    /** Whether {@code d}, a value of {@code dep}, is still the deposit of element {@code e}. */
    static boolean isDeposit(Object d, Object e) {
        return d == e || (d instanceof Held h && h.item == e);
    }

    /**
     * Takes the deposited element, if a sender waits with one: returns it, or {@code null}. A taker holding the lock
     * ({@code locked}) leaves a parked sender to be unparked after unlocking; one without unparks it here.
     */
    Object depTake(boolean locked) {
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
    Object depBlock(boolean send) {
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
    Thread depClose() {
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
    boolean depAwait(Object e, boolean timed, long deadline) throws InterruptedException {
        Object d;
        for (int spins = Tuning.SPINS; isDeposit(d = dep, e); spins--) {
            if (spins <= 0) {
                return depPark(e, timed, deadline);
            }
            Thread.onSpinWait();
        }
        return depDone(d);
    }

    boolean depPark(Object e, boolean timed, long deadline) throws InterruptedException {
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
    boolean depWithdraw(Object d) {
        // A plain deposit means nobody queued behind it, so deposits may go on; a held one keeps them blocked.
        return DEP.compareAndSet(this, d, d instanceof Held ? DEP_BLOCKED : null);
    }

    /**
     * The depositor's acknowledgement of {@code d}, what replaced its deposit: frees {@code dep} for the next deposit,
     * or leaves it blocked. Returns {@code true} (sent); throws if a close withdrew the deposit.
     */
    boolean depDone(Object d) {
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
     * itself, taking a deposit as soon as one appears; gives up after {@link Tuning#SPINS}, or once senders queue or
     * the channel closes. Returns the element, or {@code null}.
     */
    Object depSpin() {
        for (int spins = Tuning.SPINS; spins > 0; spins--) {
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
}
