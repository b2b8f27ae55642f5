package io.chanflow.sync;

import io.chanflow.Spawned;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Cond}: Go's sync.Cond, without spurious wake-ups. */
@Timeout(60)
class CondTest {

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    /** Starts a goroutine that waits once on the cond and counts its return. */
    private static Spawned<Void> waiter(Mutex mu, Cond c, AtomicInteger woke) {
        return Spawned.run(() -> {
            mu.lock();
            try {
                c.await();
                woke.incrementAndGet();
            } finally {
                mu.unlock();
            }
        });
    }

    @Test
    void awaitReturnsOnlyAfterASignalEvenWhenUnparked() throws Exception {
        Mutex mu = new Mutex();
        Cond c = new Cond(mu);
        AtomicInteger woke = new AtomicInteger();
        Spawned<Void> w = waiter(mu, c, woke).awaitBlocked();
        for (int i = 0; i < 5; i++) { // stray unparks are not wake-ups
            LockSupport.unpark(w.thread);
            w.awaitBlocked();
        }
        assertEquals(0, woke.get());
        assertTrue(mu.tryLock(), "await released the lock");
        mu.unlock();
        c.signal();
        w.join();
        assertEquals(1, woke.get());
    }

    @Test
    void signalWakesExactlyOneInArrivalOrder() throws Exception {
        Mutex mu = new Mutex();
        Cond c = new Cond(mu);
        AtomicInteger woke = new AtomicInteger();
        List<Spawned<Void>> ws = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ws.add(waiter(mu, c, woke).awaitBlocked()); // parked in await: queued in this order
        }
        c.signal();
        ws.get(0).join();
        assertEquals(1, woke.get());
        ws.get(1).awaitBlocked();
        ws.get(2).awaitBlocked();
        assertFalse(ws.get(1).isDone());
        assertFalse(ws.get(2).isDone());
        c.signal();
        ws.get(1).join();
        assertEquals(2, woke.get());
        assertFalse(ws.get(2).isDone());
        c.signal();
        ws.get(2).join();
    }

    @Test
    void broadcastWakesEveryWaiterAndASignalWithoutWaitersIsForgotten() throws Exception {
        Mutex mu = new Mutex();
        Cond c = new Cond(mu);
        c.signal();
        c.broadcast();
        AtomicInteger woke = new AtomicInteger();
        List<Spawned<Void>> ws = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ws.add(waiter(mu, c, woke).awaitBlocked());
        }
        assertEquals(0, woke.get());
        c.broadcast();
        for (Spawned<Void> w : ws) {
            w.join();
        }
        assertEquals(10, woke.get());
    }

    @Test
    void waitForAConditionWithTheLoopIdiom() throws Exception {
        Mutex mu = new Mutex();
        Cond c = new Cond(mu);
        boolean[] ready = new boolean[1];
        Spawned<Void> consumer = Spawned.run(() -> {
            mu.lock();
            try {
                while (!ready[0]) {
                    c.await();
                }
            } finally {
                mu.unlock();
            }
        }).awaitBlocked();
        mu.lock();
        ready[0] = true;
        mu.unlock();
        c.broadcast();
        consumer.join();
    }

    @Test
    void interruptedAwaitRelocksLeavesTheQueueAndThrows() throws Exception {
        Mutex mu = new Mutex();
        Cond c = new Cond(mu);
        AtomicInteger woke = new AtomicInteger();
        Spawned<Boolean> interrupted = Spawned.go(() -> {
            mu.lock();
            try {
                c.await();
                return false;
            } catch (InterruptedException e) {
                boolean held = !mu.tryLock();
                return held;
            } finally {
                mu.unlock();
            }
        }).awaitBlocked();
        Spawned<Void> other = waiter(mu, c, woke).awaitBlocked();
        interrupted.thread.interrupt();
        assertTrue(interrupted.join(), "the lock is held again when InterruptedException is thrown");
        c.signal(); // not spent on the waiter that left
        other.join();
        assertEquals(1, woke.get());
    }

    @Test
    void rLockerWorksAsTheCondsLocker() throws Exception {
        RWMutex rw = new RWMutex();
        Cond c = new Cond(rw.rLocker());
        Spawned<Void> w = Spawned.run(() -> {
            rw.rLock();
            try {
                c.await();
            } finally {
                rw.rUnlock();
            }
        }).awaitBlocked();
        assertTrue(rw.tryLock(), "await released the read lock");
        rw.unlock();
        c.signal();
        w.join();
        assertInstanceOf(Locker.class, c.locker());
    }
}
