package io.chanflow;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A goroutine started by a test, with its outcome, so that failures inside it fail the test. Shared by every test package of core. */
public final class Spawned<T> {
    public final Thread thread;
    private final CountDownLatch finished;
    private final AtomicReference<T> value;
    private final AtomicReference<Throwable> thrown;

    private Spawned(Thread thread, CountDownLatch finished, AtomicReference<T> value, AtomicReference<Throwable> thrown) {
        this.thread = thread;
        this.finished = finished;
        this.value = value;
        this.thrown = thrown;
    }

    public static <T> Spawned<T> go(Callable<T> body) {
        CountDownLatch finished = new CountDownLatch(1);
        AtomicReference<T> value = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Go.go(() -> {
            try {
                value.set(body.call());
            } catch (Throwable e) {
                thrown.set(e);
            } finally {
                finished.countDown();
            }
        });
        return new Spawned<>(t, finished, value, thrown);
    }

    public static Spawned<Void> run(Task body) {
        return go(() -> {
            body.run();
            return null;
        });
    }

    private void awaitFinished() throws InterruptedException {
        if (!finished.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("goroutine " + thread.getName() + " did not finish: " + thread.getState());
        }
    }

    /** The goroutine's result; rethrows what it threw. */
    public T join() throws Exception {
        awaitFinished();
        Throwable e = thrown.get();
        if (e instanceof Exception ex) {
            throw ex;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return value.get();
    }

    /** The exception the goroutine threw (fails if it returned normally). */
    public Throwable failure() throws InterruptedException {
        awaitFinished();
        Throwable e = thrown.get();
        if (e == null) {
            throw new AssertionError("goroutine " + thread.getName() + " returned normally");
        }
        return e;
    }

    public boolean isDone() {
        return finished.getCount() == 0;
    }

    /** Waits until the goroutine is parked (blocked in a channel operation in these tests). */
    public Spawned<T> awaitBlocked() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                .until(() -> isDone() || isParked(thread));
        if (isDone()) {
            throw new AssertionError("expected goroutine " + thread.getName() + " to block, but it finished");
        }
        return this;
    }

    private static boolean isParked(Thread t) {
        Thread.State s = t.getState();
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
    }

    public static void awaitParked(Thread t) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> isParked(t));
    }

    /** Fails the test if goroutines started by it are still alive (the leak check of this module's tests). */
    public static void assertNoGoroutineLeft() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                .until(() -> Go.numGoroutine() == 0);
    }
}
