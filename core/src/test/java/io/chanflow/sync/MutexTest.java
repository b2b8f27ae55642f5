package io.chanflow.sync;

import io.chanflow.Spawned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.WaitGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Mutex}: Go's sync.Mutex, non-reentrant, unlockable by any goroutine. */
@Timeout(60)
class MutexTest {

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    @Test
    void protectsACounterUpdatedByAThousandGoroutines() throws Exception {
        Mutex mu = new Mutex();
        int[] count = new int[1]; // plain field: only the mutex orders the updates
        WaitGroup wg = new WaitGroup();
        for (int i = 0; i < 1000; i++) {
            wg.go(() -> {
                for (int k = 0; k < 10; k++) {
                    mu.lock();
                    try {
                        count[0]++;
                    } finally {
                        mu.unlock();
                    }
                }
            });
        }
        wg.await();
        assertEquals(10_000, count[0]);
    }

    @Test
    void unlockOfAnUnlockedMutexThrowsGosMessage() throws Exception {
        Mutex mu = new Mutex();
        IllegalStateException e = assertThrows(IllegalStateException.class, mu::unlock);
        assertEquals("sync: unlock of unlocked mutex", e.getMessage());
        mu.lock();
        mu.unlock();
        assertThrows(IllegalStateException.class, mu::unlock);
        assertTrue(mu.tryLock()); // the misuse left it unlocked
    }

    @Test
    void anotherGoroutineMayUnlock() throws Exception {
        Mutex mu = new Mutex();
        mu.lock();
        Spawned.run(mu::unlock).join();
        assertTrue(mu.tryLock());
        mu.unlock();
    }

    @Test
    void lockBlocksUntilUnlocked() throws Exception {
        Mutex mu = new Mutex();
        mu.lock();
        Spawned<Void> waiter = Spawned.run(() -> {
            mu.lock();
            mu.unlock();
        }).awaitBlocked();
        assertFalse(waiter.isDone());
        mu.unlock();
        waiter.join();
    }

    @Test
    void notReentrant() throws Exception {
        Mutex mu = new Mutex();
        assertTrue(mu.tryLock());
        assertFalse(mu.tryLock(), "the holder itself cannot lock again");
        Spawned<Void> holder = Spawned.run(() -> {
            mu.unlock();
            mu.lock();
            mu.lock(); // waits for itself, as in Go
        });
        holder.awaitBlocked();
        holder.thread.interrupt();
        assertInstanceOf(InterruptedException.class, holder.failure());
        mu.unlock(); // held once, by the goroutine that gave up
        assertThrows(IllegalStateException.class, mu::unlock);
    }

    @Test
    void lockIsInterruptibleAndLeavesTheMutexAlone() throws Exception {
        Mutex mu = new Mutex();
        mu.lock();
        Spawned<Void> waiter = Spawned.run(mu::lock).awaitBlocked();
        waiter.thread.interrupt();
        assertInstanceOf(InterruptedException.class, waiter.failure());
        assertFalse(mu.tryLock());
        mu.unlock();
        assertTrue(mu.tryLock());
        mu.unlock();
    }

    @Test
    void lockUninterruptiblyKeepsWaitingAndKeepsTheFlag() throws Exception {
        Mutex mu = new Mutex();
        mu.lock();
        Spawned<Boolean> waiter = Spawned.go(() -> {
            mu.lockUninterruptibly();
            return Thread.currentThread().isInterrupted();
        }).awaitBlocked();
        waiter.thread.interrupt();
        waiter.awaitBlocked();
        mu.unlock();
        assertTrue(waiter.join());
        mu.unlock();
    }
}
