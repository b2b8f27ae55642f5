package io.chanflow.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A parked goroutine waiting for one of its channel operations to be completed by another goroutine.
 *
 * <h2>Implementation overview</h2>
 * A waiter is the decision point of a blocking operation. A plain {@code send}/{@code receive} has one
 * {@link Node} that is its own waiter; a {@code select} has one waiter shared by a node per case. Whoever wants
 * to complete the operation (a counterpart, a closer) must first <em>claim</em> the waiter with a CAS from
 * undecided ({@link #WAITING} or {@link #PARKED}) to the index of the case it completes; the waiting thread itself
 * gives up by CASing from {@link #PARKED} to {@link #TIMED_OUT} or {@link #INTERRUPTED}. Exactly one of these
 * CASes succeeds, which is the whole interruption protocol: if the hand-off wins, the operation completes and the
 * interrupt flag is restored; if the interrupt wins, nothing was transferred.
 *
 * <p>Parking needs no second flag. The waiting thread spins while the state is {@link #WAITING}, then CASes it to
 * {@link #PARKED} before it parks. A claimer's CAS from {@link #WAITING} either succeeds, and the thread, which has
 * not yet parked, sees the claim in its spin or when its own CAS to {@link #PARKED} fails; or it fails with
 * {@link #PARKED} as the witness, and the claimer CASes from {@link #PARKED} and must unpark the thread. Both
 * outcomes come from the one word the claimer already writes, so a claimer that finds its counterpart spinning
 * neither unparks it nor touches the waiter again (its line stays with the spinning thread, which reads it next).
 * The JDK's {@code LinkedTransferQueue} keeps a separate "will park" field ({@code waiter}) instead, which the
 * matcher reads after its match: one more read of a line the waiting thread is about to take back. Go's runtime
 * needs neither, because its channel waiters park at once, without spinning.
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@code state} goes from {@link #WAITING}, possibly through {@link #PARKED}, to a decision (a case index,
 *       {@link #TIMED_OUT} or {@link #INTERRUPTED}) exactly once, and never returns.</li>
 *   <li>Only the waiting thread moves {@link #WAITING} to {@link #PARKED}, and it gives up only from
 *       {@link #PARKED}: a thread still spinning never times out or reacts to an interrupt.</li>
 *   <li>A claimer writes the outcome into the claimed {@link Node#item} <em>before</em> its CAS, so the waiter,
 *       having read {@code state} (volatile), reads the item without further synchronisation.</li>
 *   <li>The waiter's thread is unparked exactly when a claim moved it from {@link #PARKED}
 *       ({@link #CLAIMED_PARKED}), and only after the claimer has released the channel lock (no lock is held across
 *       an unpark).</li>
 * </ul>
 */
class Waiter {
    /** Not yet decided. Case indexes (claims) are {@code >= 0}. */
    static final int WAITING = -1;
    /** The waiting thread gave up because its deadline passed. */
    static final int TIMED_OUT = -2;
    /** The waiting thread gave up because it was interrupted. */
    static final int INTERRUPTED = -3;
    /** Not yet decided, and the waiting thread stopped spinning: a claimer must unpark it. */
    static final int PARKED = -4;

    /** {@link #tryClaim} results: the waiter was decided already; claimed while spinning; claimed while parked. */
    static final int LOST = 0, CLAIMED = 1, CLAIMED_PARKED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }


    /** The thread to unpark on a claim. */
    final Thread thread;

    /**
     * {@link #WAITING} (from the constructor on) or {@link #PARKED} while undecided; then a claimed case index
     * {@code >= 0}, {@link #TIMED_OUT} or {@link #INTERRUPTED}.
     */
    private volatile int state;

    Waiter() {
        this.thread = Thread.currentThread();
        // A plain write, not a volatile one: a volatile store is followed by a full fence, and a node is made while
        // its channel's lock is held. Nobody else reads the state before the node is published, and it is published
        // only through that lock (enqueue, then unlock: a release) to claimers that take the lock before their CAS.
        STATE.set(this, WAITING);
    }

    /**
     * Claims this waiter for case {@code index}; at most one claim (or give-up) ever succeeds. Returns
     * {@link #LOST} if the waiter was already decided, {@link #CLAIMED} if it was still spinning (it sees the claim
     * by itself), or {@link #CLAIMED_PARKED} if it may be parked: the claimer must then
     * {@link java.util.concurrent.locks.LockSupport#unpark unpark} {@link #thread}, after releasing its locks.
     */
    final int tryClaim(int index) {
        int s = (int) STATE.compareAndExchange(this, WAITING, index);
        if (s == WAITING) {
            return CLAIMED;
        }
        if (s == PARKED && STATE.compareAndSet(this, PARKED, index)) {
            return CLAIMED_PARKED;
        }
        return LOST;
    }

    /** Whether no claim or give-up has decided this waiter yet. */
    final boolean undecided() {
        int s = state;
        return s == WAITING || s == PARKED;
    }

    /**
     * Parks until claimed, interrupted, or (if {@code timed}) past {@code deadline} on the {@link System#nanoTime}
     * clock. Returns the final state: a claimed index, {@link #TIMED_OUT} or {@link #INTERRUPTED}. When the claim
     * wins the race against an interrupt, the interrupt flag is left set for the caller.
     */
    final int await(boolean timed, long deadline, Object blocker) {
        return await(timed, deadline, blocker, Tuning.SPINS);
    }

    final int await(boolean timed, long deadline, Object blocker, int spinLimit) {
        for (int spins = spinLimit; spins > 0; spins--) {
            if (state != WAITING) {
                return state;
            }
            Thread.onSpinWait();
        }
        int w = (int) STATE.compareAndExchange(this, WAITING, PARKED); // from now on a claimer unparks us
        if (w != WAITING) {
            return w; // claimed while spinning
        }
        Goroutine g = Goroutine.current(); // only now: a goroutine about to park shows what it waits on
        if (g != null) {
            g.blockedOn(blocker);
        }
        try {
            int s;
            while ((s = state) == PARKED) {
                if (Thread.interrupted()) {
                    if (STATE.compareAndSet(this, PARKED, INTERRUPTED)) {
                        return INTERRUPTED;
                    }
                    // The hand-off won: complete, and leave the interrupt for the caller to see.
                    Thread.currentThread().interrupt();
                    return state;
                }
                if (timed) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0L) {
                        if (STATE.compareAndSet(this, PARKED, TIMED_OUT)) {
                            return TIMED_OUT;
                        }
                        continue; // claimed meanwhile: the loop reads the claim
                    }
                    LockSupport.parkNanos(blocker, remaining);
                } else {
                    LockSupport.park(blocker);
                }
            }
            return s;
        } finally {
            if (g != null) {
                g.blockedOn(null);
            }
        }
    }
}
