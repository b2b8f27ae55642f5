package io.chanflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link WaitGroup}: Go's sync.WaitGroup, with Go 1.25's {@code Go}. */
@Timeout(60)
class WaitGroupTest {

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    @Test
    void awaitReturnsAtOnceAtZero() throws Exception {
        new WaitGroup().await();
    }

    @Test
    void awaitWaitsForEveryDone() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(2);
        Spawned<Void> waiter = Spawned.run(wg::await).awaitBlocked();
        wg.done();
        Spawned.awaitParked(waiter.thread);
        assertFalse(waiter.isDone());
        wg.done();
        waiter.join();
    }

    @Test
    void goCountsTheTaskAndItsWritesAreVisibleAfterAwait() throws Exception {
        WaitGroup wg = new WaitGroup();
        int[] results = new int[100]; // plain writes, published by done() -> await()
        for (int i = 0; i < results.length; i++) {
            int k = i;
            wg.go(() -> results[k] = k * k);
        }
        wg.await();
        for (int i = 0; i < results.length; i++) {
            assertEquals(i * i, results[i]);
        }
    }

    @Test
    void goCallsDoneEvenWhenTheTaskThrows() throws Exception {
        WaitGroup wg = new WaitGroup();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        AtomicInteger reported = new AtomicInteger();
        java.util.concurrent.CountDownLatch reportedLatch = new java.util.concurrent.CountDownLatch(1);
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            reported.incrementAndGet();
            reportedLatch.countDown();
        });
        try {
            wg.go(() -> {
                throw new IllegalStateException("task failed");
            });
            wg.await(); // returns: done() ran although the task threw
            reportedLatch.await(); // and the failure is still reported, not swallowed
            Spawned.assertNoGoroutineLeft();
            assertEquals(1, reported.get());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    @Test
    void negativeCounterThrowsGosMessageAndLeavesTheCounter() throws Exception {
        WaitGroup wg = new WaitGroup();
        IllegalStateException e = assertThrows(IllegalStateException.class, wg::done);
        assertEquals("sync: negative WaitGroup counter", e.getMessage());
        wg.add(1);
        assertThrows(IllegalStateException.class, () -> wg.add(-2));
        wg.done(); // still 1 before this: the failed add changed nothing
        wg.await();
    }

    @Test
    void awaitIsInterruptible() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        Spawned<Void> waiter = Spawned.run(wg::await).awaitBlocked();
        waiter.thread.interrupt();
        assertInstanceOf(InterruptedException.class, waiter.failure());
        wg.done();
    }
}
