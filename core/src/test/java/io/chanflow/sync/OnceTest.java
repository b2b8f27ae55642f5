package io.chanflow.sync;

import io.chanflow.Spawned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Once}: Go's sync.Once, OnceFunc, OnceValue, OnceValues. */
@Timeout(60)
class OnceTest {

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    @Test
    void runsTheFunctionOnceAcrossManyGoroutines() throws Exception {
        Once once = new Once();
        AtomicInteger calls = new AtomicInteger();
        int[] plain = new int[1]; // published by the once to every caller
        List<Spawned<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(Spawned.go(() -> {
                once.run(() -> {
                    calls.incrementAndGet();
                    plain[0] = 42;
                });
                return plain[0];
            }));
        }
        for (Spawned<Integer> s : all) {
            assertEquals(42, s.join());
        }
        assertEquals(1, calls.get());
        assertTrue(once.isDone());
    }

    @Test
    void concurrentCallersWaitUntilTheFunctionHasFinished() throws Exception {
        Once once = new Once();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Spawned<Void> first = Spawned.run(() -> once.run(() -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
        inside.await();
        Spawned<Void> second = Spawned.run(() -> once.run(() -> {
            throw new AssertionError("second function must not run");
        })).awaitBlocked();
        assertFalse(second.isDone());
        release.countDown();
        first.join();
        second.join();
    }

    @Test
    void aThrowingFunctionCountsAsDoneAndThrowsToItsCallerOnly() throws Exception {
        Once once = new Once();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> once.run(() -> {
            throw boom;
        })));
        assertTrue(once.isDone());
        AtomicInteger calls = new AtomicInteger();
        once.run(calls::incrementAndGet); // returns normally, runs nothing
        assertEquals(0, calls.get());
    }

    @Test
    void recursiveRunIsReported() {
        Once once = new Once();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> once.run(() -> {
            try {
                once.run(() -> { });
            } catch (InterruptedException ie) {
                throw new AssertionError(ie);
            }
        }));
        assertEquals("sync: Once.run called recursively", e.getMessage());
    }

    @Test
    void waitingForAnotherCallIsInterruptible() throws Exception {
        Once once = new Once();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Spawned<Void> first = Spawned.run(() -> once.run(() -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
        inside.await();
        Spawned<Void> waiter = Spawned.run(() -> once.run(() -> { })).awaitBlocked();
        waiter.thread.interrupt();
        assertInstanceOf(InterruptedException.class, waiter.failure());
        release.countDown();
        first.join();
    }

    @Test
    void funcCallsOnceAndRethrowsTheSameException() {
        AtomicInteger calls = new AtomicInteger();
        Runnable ok = Once.func(calls::incrementAndGet);
        ok.run();
        ok.run();
        assertEquals(1, calls.get());

        IllegalStateException boom = new IllegalStateException("boom");
        Runnable bad = Once.func(() -> {
            calls.incrementAndGet();
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalStateException.class, bad::run));
        assertSame(boom, assertThrows(IllegalStateException.class, bad::run));
        assertEquals(2, calls.get());
    }

    @Test
    void valueComputesOnceAndRethrowsTheSameException() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Supplier<String> v = Once.value(() -> "v" + calls.incrementAndGet());
        List<Spawned<String>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(Spawned.go(v::get));
        }
        for (Spawned<String> s : all) {
            assertEquals("v1", s.join());
        }
        assertEquals(1, calls.get());

        ArithmeticException boom = new ArithmeticException("boom");
        Supplier<Integer> bad = Once.value(() -> {
            calls.incrementAndGet();
            throw boom;
        });
        for (int i = 0; i < 3; i++) {
            assertSame(boom, assertThrows(ArithmeticException.class, bad::get));
        }
        assertEquals(2, calls.get());
    }

    @Test
    void valuesRethrowsTheSameCheckedException() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        IOException boom = new IOException("boom");
        Callable<String> bad = Once.values(() -> {
            calls.incrementAndGet();
            throw boom;
        });
        assertSame(boom, assertThrows(IOException.class, bad::call));
        assertSame(boom, assertThrows(IOException.class, bad::call));
        assertEquals(1, calls.get());

        Callable<String> ok = Once.values(() -> "v" + calls.incrementAndGet());
        assertEquals("v2", ok.call());
        assertEquals("v2", ok.call());
    }

    @Test
    void valuesWaitsInterruptiblyWhileTheFunctionRuns() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Callable<String> v = Once.values(() -> {
            inside.countDown();
            release.await();
            return "v";
        });
        Spawned<String> first = Spawned.go(v);
        inside.await();
        Spawned<String> waiter = Spawned.go(v).awaitBlocked();
        waiter.thread.interrupt();
        assertInstanceOf(InterruptedException.class, waiter.failure());
        release.countDown();
        assertEquals("v", first.join());
        assertEquals("v", v.call());
    }
}
