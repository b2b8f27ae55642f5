package io.chanflow.bench;

import io.chanflow.Go;
import io.chanflow.Goroutines;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the flow-bridge benchmarks share: the batch size, the demand unit, and the bounded waits that turn a hang or
 * a leaked thread into a failed run with a goroutine dump, instead of an iteration that never ends.
 *
 * <p>The waits are timed {@code join}s, latch waits and executor terminations, never sleeps: they return as soon as
 * the awaited thread or signal is there, so in a healthy run they cost what an untimed wait costs.
 */
final class FlowBridge {

    /**
     * Items per invocation. Smaller than {@link Items#COUNT}: a subscription is set up and torn down per
     * invocation, and ten thousand items amortise that while keeping an invocation in the low milliseconds.
     */
    static final int ITEMS = 10_000;

    /** The demand unit of every row: what the subscribers request at a time, the buffers and prefetches. */
    static final int BATCH = 256;

    /** How long a batch may take before the run is declared hung: orders of magnitude above a healthy run. */
    static final Duration HANG = Duration.ofSeconds(60);

    /** How long a thread may take to end once its work is done before it counts as leaked. */
    static final Duration LINGER = Duration.ofSeconds(10);

    private FlowBridge() {
    }

    /** Waits for {@code t} to end; throws, with a dump of the live goroutines, if it is still alive after {@code within}. */
    static void join(Thread t, String what, Duration within) throws InterruptedException {
        if (t == null) {
            throw new IllegalStateException(what + " never started");
        }
        if (!t.join(within)) {
            throw new IllegalStateException(what + " (" + t + ") still alive " + within.toMillis()
                    + " ms after its work was done: hang or leak\n" + Goroutines.dump());
        }
    }

    /** Shuts {@code executor} down and waits for its threads to end: an invocation leaves none running. */
    static void terminate(ExecutorService executor, String what) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(LINGER.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(what + " still has running tasks " + LINGER.toMillis()
                    + " ms after the batch completed: hang or leak");
        }
    }

    /** Throws if Chanflow's goroutine count is not what it was before the invocation: a goroutine outlived it. */
    static void requireGoroutines(int before, String what) {
        int now = Go.numGoroutine();
        if (now != before) {
            throw new IllegalStateException(what + ": " + now + " goroutines alive after the invocation, "
                    + before + " before\n" + Goroutines.dump());
        }
    }
}
