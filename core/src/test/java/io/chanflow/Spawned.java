package io.chanflow;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A goroutine started by a test, with its outcome, so that failures inside it fail the test. */
final class Spawned<T> {
    final Thread thread;
    private final CompletableFuture<T> result;

    private Spawned(Thread thread, CompletableFuture<T> result) {
        this.thread = thread;
        this.result = result;
    }

    static <T> Spawned<T> go(Callable<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = Go.go(() -> {
            try {
                f.complete(body.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return new Spawned<>(t, f);
    }

    static Spawned<Void> run(Task body) {
        return go(() -> {
            body.run();
            return null;
        });
    }

    /** The goroutine's result; rethrows what it threw (the cause of an ExecutionException). */
    T join() throws Exception {
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("goroutine " + thread.getName() + " did not finish: " + thread.getState(), e);
        }
    }

    /** The exception the goroutine threw (fails if it returned normally). */
    Throwable failure() throws InterruptedException {
        try {
            result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("goroutine " + thread.getName() + " did not finish", e);
        }
        throw new AssertionError("goroutine " + thread.getName() + " returned normally");
    }

    boolean isDone() {
        return result.isDone();
    }

    /** Waits until the goroutine is parked (blocked in a channel operation in these tests). */
    Spawned<T> awaitBlocked() {
        awaitParked(thread);
        return this;
    }

    static void awaitParked(Thread t) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    Thread.State s = t.getState();
                    return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
                });
    }

    /** Fails the test if goroutines started by it are still alive (the leak check of this module's tests). */
    static void assertNoGoroutineLeft() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                .until(() -> Go.numGoroutine() == 0);
    }
}
