package io.chanflow.sync;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A mutual exclusion lock: Go's {@code sync.Mutex}.
 *
 * <pre>{@code
 * mu.lock();                 // mu.Lock()
 * try {                      // defer mu.Unlock()
 *     count++;
 * } finally {
 *     mu.unlock();
 * }
 * }</pre>
 *
 * <h2>Go's rules, and how they differ from {@link java.util.concurrent.locks.ReentrantLock}</h2>
 * <ul>
 *   <li><b>Not reentrant.</b> A thread that calls {@link #lock()} while it holds the mutex waits for itself: it
 *       blocks until interrupted (Go's program deadlocks). {@link #tryLock()} by the holder returns {@code false}.</li>
 *   <li><b>Not owned by a thread.</b> A mutex locked by one goroutine may be unlocked by another, as Go allows
 *       (a hand-off). There is no {@code isHeldByCurrentThread}.</li>
 *   <li><b>Unlock of an unlocked mutex</b> throws {@code IllegalStateException("sync: unlock of unlocked mutex")}
 *       (Go's fatal error) and leaves the mutex unlocked.</li>
 *   <li><b>Interruptible.</b> {@link #lock()} throws {@link InterruptedException} if the thread is interrupted while
 *       it waits (Go's {@code Lock} cannot be interrupted); {@link #lockUninterruptibly()} is Go's behaviour.</li>
 *   <li><b>No fairness promise.</b> A thread arriving at an unlocked mutex may take it ahead of parked waiters, like
 *       Go's normal mode; Go's starvation mode is not reproduced. Parked waiters are woken in FIFO order.</li>
 *   <li>No {@link java.util.concurrent.locks.Condition}; use {@link Cond}.</li>
 * </ul>
 *
 * <p>Memory consistency: actions before an {@code unlock()} happen-before the return of the {@code lock()} (or the
 * successful {@code tryLock()}) that next acquires the mutex.
 *
 * <p>Waiting parks the thread (a virtual thread releases its carrier).
 */
public final class Mutex implements Locker {

    /*
     * Implementation overview: an AbstractQueuedSynchronizer in exclusive mode. The state is 0 (unlocked) or
     * 1 (locked) and is all there is: no owner thread is recorded, which is what makes the mutex non-reentrant
     * and unlockable from any thread. Releasing CASes 1 -> 0, so of two racing unlocks of one lock exactly one
     * succeeds and the other reports the misuse.
     */
    private static final class Sync extends AbstractQueuedSynchronizer {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean tryAcquire(int ignored) {
            return compareAndSetState(0, 1);
        }

        @Override
        protected boolean tryRelease(int ignored) {
            if (!compareAndSetState(1, 0)) {
                throw new IllegalStateException("sync: unlock of unlocked mutex");
            }
            return true;
        }

        boolean locked() {
            return getState() != 0;
        }
    }

    private final Sync sync = new Sync();

    /** Creates an unlocked mutex (Go's zero value). */
    public Mutex() {
    }

    /**
     * Blocks until the mutex is unlocked, then locks it: Go's {@code Lock}. Throws {@link InterruptedException}
     * without locking if the thread is interrupted before or while it waits. Not reentrant (see the class doc).
     */
    @Override
    public void lock() throws InterruptedException {
        sync.acquireInterruptibly(1);
    }

    /** {@link #lock()} that ignores interrupts, as Go's {@code Lock} does; the interrupt flag stays set. */
    @Override
    public void lockUninterruptibly() {
        sync.acquire(1);
    }

    /** Locks the mutex if it is unlocked now and reports whether it did: Go's {@code TryLock}. Never blocks. */
    public boolean tryLock() {
        return sync.tryAcquire(1);
    }

    /**
     * Unlocks the mutex: Go's {@code Unlock}. Any thread may call it, not only the one that locked.
     *
     * @throws IllegalStateException {@code "sync: unlock of unlocked mutex"} if the mutex is not locked
     */
    @Override
    public void unlock() {
        sync.release(1);
    }

    @Override
    public String toString() {
        return "Mutex[" + (sync.locked() ? "locked" : "unlocked") + "]";
    }
}
