package io.chanflow.sync;

import static org.awaitility.Awaitility.await;

import io.chanflow.Go;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A goroutine started by a test, with its outcome, so that what it throws reaches the test. */
final class Spawn<T> {
    final Thread thread;
    private final CompletableFuture<T> outcome;

    private Spawn(Thread thread, CompletableFuture<T> outcome) {
        this.thread = thread;
        this.outcome = outcome;
    }

    interface Body {
        void run() throws Exception;
    }

    static <T> Spawn<T> call(Callable<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = Go.go(() -> {
            try {
                f.complete(body.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return new Spawn<>(t, f);
    }

    static Spawn<Void> run(Body body) {
        return call(() -> {
            body.run();
            return null;
        });
    }

    /** Waits until the goroutine is parked (blocked in the call under test). */
    Spawn<T> awaitParked() {
        await().atMost(Duration.ofSeconds(10)).until(() -> isDone() || parked(thread));
        if (isDone()) {
            throw new AssertionError("expected the goroutine to block, but it finished: " + outcome);
        }
        return this;
    }

    static boolean parked(Thread t) {
        Thread.State s = t.getState();
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
    }

    boolean isDone() {
        return outcome.isDone();
    }

    /** The goroutine's result; rethrows what it threw. */
    T join() throws Exception {
        try {
            return outcome.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw (Error) e.getCause();
        }
    }

    /** What the goroutine threw; fails if it returned normally. */
    Throwable failure() throws Exception {
        try {
            outcome.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the goroutine returned normally");
    }

    static void assertNoGoroutineLeft() {
        await().atMost(Duration.ofSeconds(10)).until(() -> Go.numGoroutine() == 0);
    }
}
