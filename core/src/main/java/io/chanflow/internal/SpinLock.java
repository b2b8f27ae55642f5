package io.chanflow.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A channel's lock: Go's {@code runtime.lock}, a test-and-test-and-set spin lock on the {@code lock} word.
 *
 * <p>It is a test-and-test-and-set spin lock. Critical sections are a few dozen instructions and never
 * block, so a virtual thread never unmounts while holding it; a contender spins briefly and then yields (a
 * virtual thread on a buffered channel yields at once), unless it holds another channel's lock, in which case it
 * only spins (see {@link #lockSlow}: a holder that yields can be starved off its carrier). On one carrier the
 * holder cannot be descheduled by another virtual thread, so contention only arises between carriers or platform
 * threads. This is Go's {@code runtime.lock} design, and it avoids parking a virtual thread on a
 * {@code ReentrantLock} for a critical section far shorter than a park.
 *
 * <p>Invariant: a thread that holds one channel's lock and takes another ({@link #lockNested}, a select locking
 * in channel-id order) never yields while it waits, so every holder stays mounted and every spin ends.
 */
abstract class SpinLock extends ChanFields {
    static final VarHandle LOCK;

    static {
        try {
            LOCK = MethodHandles.lookup().findVarHandle(ChanHotFields.class, "lock", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    SpinLock(int bufferSize, FeedRing ring) {
        super(bufferSize, ring);
    }

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
     * drain) the buffer in a batch, which the yielder then empties (or refills) in one run. A rendezvous
     * keeps the spin (its holder is about to finish the hand-off), and so does a platform thread, whose yield is a
     * system call. See docs/adr/0001-spin-lock-per-channel.md.
     *
     * <p>A caller that already holds a lock must never yield. A virtual thread that yields is unmounted, and the
     * scheduler may keep it unmounted for as long as its carriers find other work in their local queues. If it holds
     * channel A while it waits for channel B, the goroutines that spin for A are exactly that other work: they run and
     * yield to each other on every carrier, and the holder of A never runs again. The pipelines of {@code Patterns},
     * where many selects share a context's done channel, livelocked in this way. If no thread yields while it holds a
     * lock, every holder stays mounted and keeps running. The lock order means that the chain of holders waiting for
     * one another ends at a holder that waits for nothing, so every spin ends.
     */
    void lockSlow(boolean mayYield) {
        int limit = capacity > 0 && Thread.currentThread().isVirtual() ? 1 : Tuning.LOCK_SPINS;
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
}
