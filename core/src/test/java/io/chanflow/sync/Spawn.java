package io.chanflow.sync;

import static org.awaitility.Awaitility.await;

import io.chanflow.Go;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A goroutine started by a test, with its outcome, so that what it throws reaches the test. */
final class Spawn<T> {
    final Thread thread;
    // The body's result or what it threw, wrapped: CompletableFuture treats a CancellationException as its own.
    private final CompletableFuture<Outcome<T>> outcome;

    private record Outcome<T>(T value, Throwable thrown) {
    }

    private Spawn(Thread thread, CompletableFuture<Outcome<T>> outcome) {
        this.thread = thread;
        this.outcome = outcome;
    }

    interface Body {
        void run() throws Exception;
    }

    static <T> Spawn<T> call(Callable<T> body) {
        CompletableFuture<Outcome<T>> f = new CompletableFuture<>();
        Thread t = Go.go(() -> {
            try {
                f.complete(new Outcome<>(body.call(), null));
            } catch (Throwable e) {
                f.complete(new Outcome<>(null, e));
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
        Outcome<T> o = outcome.get(30, TimeUnit.SECONDS);
        if (o.thrown() instanceof Exception ex) {
            throw ex;
        }
        if (o.thrown() instanceof Error err) {
            throw err;
        }
        return o.value();
    }

    /** What the goroutine threw; fails if it returned normally. */
    Throwable failure() throws Exception {
        Outcome<T> o = outcome.get(30, TimeUnit.SECONDS);
        if (o.thrown() == null) {
            throw new AssertionError("the goroutine returned normally");
        }
        return o.thrown();
    }

    static void assertNoGoroutineLeft() {
        await().atMost(Duration.ofSeconds(10)).until(() -> Go.numGoroutine() == 0);
    }
}
