package io.chanflow.time;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one clock thread behind every {@link Timer} and {@link Ticker}: Go's runtime timer heap, on a
 * {@link ScheduledThreadPoolExecutor} with a single daemon thread.
 *
 * <p>A pending timer is one entry in the executor's heap (a small object, no thread), so thousands of timers cost
 * little; {@code removeOnCancelPolicy} takes a stopped timer's entry out of the heap at once (O(log n)) instead of
 * leaving it until its time comes. The tasks submitted here never block: they take a timer's short lock, offer a
 * value with {@code trySend}, or start a goroutine. A slow task would delay every other timer.
 */
final class Scheduler {
    private static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private Scheduler() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("chanflow-timer").factory());
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    /** Runs {@code task} once, {@code nanos} from now on the {@link System#nanoTime} clock. */
    static ScheduledFuture<?> schedule(Runnable task, long nanos) {
        return EXECUTOR.schedule(task, nanos, TimeUnit.NANOSECONDS);
    }

    /** The number of scheduled tasks (pending timers and tickers); for tests. */
    static int pending() {
        return EXECUTOR.getQueue().size();
    }

    /** The number of threads of the clock (never more than one); for tests. */
    static int threads() {
        return EXECUTOR.getPoolSize();
    }
}
