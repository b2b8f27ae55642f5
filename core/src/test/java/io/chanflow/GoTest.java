package io.chanflow;

import io.chanflow.internal.Goroutine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Go#go}: goroutines on virtual threads, the registry, and failure reporting. */
@Timeout(60)
class GoTest {

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    @Test
    void aGoroutineIsAVirtualThreadCountedWhileAlive() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(3);
        Thread[] ts = new Thread[3];
        for (int i = 0; i < 3; i++) {
            ts[i] = Go.go(() -> {
                running.countDown();
                release.await();
            });
        }
        running.await();
        assertEquals(3, Go.numGoroutine());
        for (Thread t : ts) {
            assertTrue(t.isVirtual());
            Goroutine g = Goroutine.live().stream().filter(x -> x.thread == t).findFirst().orElseThrow();
            assertTrue(g.name().matches("goroutine-\\d+"), g.name());
        }
        release.countDown();
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(0, Go.numGoroutine());
    }

    @Test
    void theRegistryNamesWhatABlockedGoroutineWaitsOn() throws Exception {
        Channel<Integer> ch = Channel.make();
        Thread t = Go.go("waiter", ch::receive);
        Spawned.awaitParked(t);
        Goroutine g = Goroutine.live().stream().filter(x -> x.thread == t).findFirst().orElseThrow();
        assertEquals("waiter", g.name());
        assertTrue(String.valueOf(g.blockedOn()).startsWith("chan receive on " + ch), String.valueOf(g.blockedOn()));
        ch.send(1);
        t.join();
    }

    @Test
    void anUncaughtCheckedExceptionGoesToTheHandlerWithTheGoroutinesName() throws Exception {
        AtomicReference<Thread> failedThread = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch reported = new CountDownLatch(1);
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            failedThread.set(t);
            failure.set(e);
            reported.countDown();
        });
        try {
            IOException boom = new IOException("boom");
            Thread t = Go.go("failing-worker", () -> {
                throw boom;
            });
            reported.await();
            assertSame(t, failedThread.get());
            assertEquals("failing-worker", failedThread.get().getName());
            assertSame(boom, failure.get(), "the task's own exception, not a wrapper");
            t.join();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    @Test
    void anUnnamedGoroutineIsNamedInItsFailureReport() throws Exception {
        AtomicReference<String> name = new AtomicReference<>();
        CountDownLatch reported = new CountDownLatch(1);
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            name.set(t.getName());
            reported.countDown();
        });
        try {
            Thread t = Go.go(() -> {
                throw new IllegalStateException("boom");
            });
            reported.await();
            assertTrue(name.get().matches("goroutine-\\d+"), name.get());
            t.join();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    @Test
    void startingHundredThousandGoroutinesIsCheap() throws Exception {
        WaitGroup wg = new WaitGroup();
        java.util.concurrent.atomic.LongAdder sum = new java.util.concurrent.atomic.LongAdder();
        for (int i = 0; i < 100_000; i++) {
            int v = i;
            wg.go(() -> sum.add(v));
        }
        wg.await();
        assertEquals(100_000L * 99_999 / 2, sum.sum());
    }
}
