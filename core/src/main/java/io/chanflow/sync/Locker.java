package io.chanflow.sync;

/**
 * Something that can be locked and unlocked: Go's {@code sync.Locker}, the lock a {@link Cond} works with.
 * {@link Mutex} is one; {@link RWMutex} is one for writing, and {@link RWMutex#rLocker()} gives the read side.
 */
public interface Locker {

    /** Blocks until the lock is acquired; throws if the thread is interrupted first (the lock is then not held). */
    void lock() throws InterruptedException;

    /** Blocks until the lock is acquired, ignoring interrupts; the interrupt flag is still set on return. */
    void lockUninterruptibly();

    /** Releases the lock; throws {@link IllegalStateException} if it is not locked. */
    void unlock();
}
