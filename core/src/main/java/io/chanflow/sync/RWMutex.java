package io.chanflow.sync;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A reader/writer mutual exclusion lock: Go's {@code sync.RWMutex}. Any number of readers or one writer may hold
 * it.
 *
 * <h2>Writer preference, as in Go</h2>
 * While a writer waits in {@link #lock()}, new {@link #rLock()} calls block until that writer has had its turn,
 * so readers cannot starve a writer (and, as Go warns, recursive read locking can deadlock). When a writer unlocks,
 * the readers that were waiting for it are all admitted before the next writer, so writers cannot starve readers
 * either.
 *
 * <h2>Rules shared with {@link Mutex}</h2>
 * Not reentrant (a holder that locks again waits for itself); not owned by a thread (any thread may unlock);
 * {@link #lock()} and {@link #rLock()} are interruptible, and interruptible-free forms exist. Misuse throws
 * {@code IllegalStateException} with Go's message: {@code "sync: RUnlock of unlocked RWMutex"},
 * {@code "sync: Unlock of unlocked RWMutex"}.
 *
 * <p>Memory consistency: actions before {@code unlock()} happen-before the return of every later {@code lock()}
 * and {@code rLock()}; actions before {@code rUnlock()} happen-before the return of the {@code lock()} that it lets
 * proceed.
 */
public final class RWMutex implements Locker {

    /*
     * Implementation overview: the state lives in plain fields guarded by `guard`, a ReentrantLock (never held
     * across a wait: the Conditions release it), with one Condition for waiting readers and one for writers.
     *
     *   readers         readers holding the lock now; admitted readers are counted here before they wake
     *   writer          a writer holds the lock
     *   waitingWriters  writers inside lock(); while > 0, new readers queue (writer preference)
     *   waitingReaders  readers queued in rLock() since the last admission
     *   generation      bumped at each admission; a queued reader whose generation passed holds the lock
     *
     * Invariants: writer implies readers == 0. An admission (on writer unlock, or when the last waiting writer
     * gives up) moves every queued reader into `readers` at once, under the guard, so a writer that comes next
     * finds them counted and waits for them: this is Go's "readers that arrived during the write go first".
     * A queued reader that is interrupted after its admission keeps the lock and restores the interrupt flag.
     */
    private final ReentrantLock guard = new ReentrantLock();
    private final Condition readerTurn = guard.newCondition();
    private final Condition writerTurn = guard.newCondition();
    private int readers;
    private boolean writer;
    private int waitingWriters;
    private int waitingReaders;
    private long generation;

    /** Creates an unlocked RWMutex (Go's zero value). */
    public RWMutex() {
    }

    /**
     * Locks for reading: Go's {@code RLock}. Blocks while a writer holds the lock or waits for it.
     *
     * @throws InterruptedException if interrupted while waiting; the lock is then not held
     */
    public void rLock() throws InterruptedException {
        rLock(true);
    }

    /** {@link #rLock()} that ignores interrupts, like Go's; the interrupt flag stays set. */
    public void rLockUninterruptibly() {
        try {
            rLock(false);
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: uninterruptible rLock interrupted", e);
        }
    }

    private void rLock(boolean interruptible) throws InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        guard.lock();
        try {
            if (!writer && waitingWriters == 0) {
                readers++;
                return;
            }
            long mine = generation;
            waitingReaders++;
            boolean interrupted = false;
            while (generation == mine) {
                try {
                    readerTurn.await();
                } catch (InterruptedException e) {
                    if (generation != mine) { // admitted meanwhile: keep the lock, keep the interrupt
                        interrupted = true;
                        break;
                    }
                    if (interruptible) {
                        waitingReaders--;
                        throw e;
                    }
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            guard.unlock();
        }
    }

    /** Locks for reading if no writer holds or waits for the lock now: Go's {@code TryRLock}. Never blocks. */
    public boolean tryRLock() {
        guard.lock();
        try {
            if (writer || waitingWriters > 0) {
                return false;
            }
            readers++;
            return true;
        } finally {
            guard.unlock();
        }
    }

    /**
     * Undoes one {@link #rLock()}: Go's {@code RUnlock}. Any thread may call it.
     *
     * @throws IllegalStateException {@code "sync: RUnlock of unlocked RWMutex"} if no reader holds the lock
     */
    public void rUnlock() {
        guard.lock();
        try {
            if (readers == 0) {
                throw new IllegalStateException("sync: RUnlock of unlocked RWMutex");
            }
            if (--readers == 0 && waitingWriters > 0) {
                writerTurn.signal();
            }
        } finally {
            guard.unlock();
        }
    }

    /**
     * Locks for writing: Go's {@code Lock}. Blocks until no reader or writer holds the lock; from the moment it
     * starts waiting, new readers are held back.
     *
     * @throws InterruptedException if interrupted while waiting; the lock is then not held, and readers held back
     *     by this writer alone are let in
     */
    @Override
    public void lock() throws InterruptedException {
        lock(true);
    }

    /** {@link #lock()} that ignores interrupts, like Go's; the interrupt flag stays set. */
    @Override
    public void lockUninterruptibly() {
        try {
            lock(false);
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: uninterruptible lock interrupted", e);
        }
    }

    private void lock(boolean interruptible) throws InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        guard.lock();
        try {
            waitingWriters++;
            boolean interrupted = false;
            while (writer || readers > 0) {
                try {
                    writerTurn.await();
                } catch (InterruptedException e) {
                    if (interruptible) {
                        waitingWriters--;
                        if (waitingWriters == 0 && !writer) {
                            admitReaders();
                        } else if (!writer && readers == 0) {
                            writerTurn.signal(); // pass on a signal this writer may have consumed
                        }
                        throw e;
                    }
                    interrupted = true;
                }
            }
            waitingWriters--;
            writer = true;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            guard.unlock();
        }
    }

    /** Locks for writing if nobody holds or waits for the lock now: Go's {@code TryLock}. Never blocks. */
    public boolean tryLock() {
        guard.lock();
        try {
            if (writer || readers > 0 || waitingWriters > 0) {
                return false;
            }
            writer = true;
            return true;
        } finally {
            guard.unlock();
        }
    }

    /**
     * Unlocks for writing: Go's {@code Unlock}. The readers waiting for this writer are admitted first; otherwise
     * a waiting writer goes next. Any thread may call it.
     *
     * @throws IllegalStateException {@code "sync: Unlock of unlocked RWMutex"} if no writer holds the lock
     */
    @Override
    public void unlock() {
        guard.lock();
        try {
            if (!writer) {
                throw new IllegalStateException("sync: Unlock of unlocked RWMutex");
            }
            writer = false;
            if (waitingReaders > 0) {
                admitReaders();
            } else if (waitingWriters > 0) {
                writerTurn.signal();
            }
        } finally {
            guard.unlock();
        }
    }

    /** Moves every queued reader into the lock at once. Requires guard held and no writer. */
    private void admitReaders() {
        if (waitingReaders > 0) {
            readers += waitingReaders;
            waitingReaders = 0;
            generation++;
            readerTurn.signalAll();
        }
    }

    /** The read side as a {@link Locker} (for a {@link Cond}): Go's {@code RLocker}. */
    public Locker rLocker() {
        return new Locker() {
            @Override
            public void lock() throws InterruptedException {
                rLock();
            }

            @Override
            public void lockUninterruptibly() {
                rLockUninterruptibly();
            }

            @Override
            public void unlock() {
                rUnlock();
            }
        };
    }
}
