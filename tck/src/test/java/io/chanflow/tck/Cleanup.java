package io.chanflow.tck;

import io.chanflow.Channel;
import io.chanflow.GoroutineInfo;
import io.chanflow.Goroutines;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What one TCK test leaves behind: contexts to cancel and channels to close once it is over, so that a goroutine
 * the test never stopped (a feeder blocked on a send nobody will receive, an emitter waiting for demand) ends with
 * the test instead of piling up for the rest of the run. Each verification class owns one and calls {@link #run()}
 * after each test.
 *
 * <p>Ending a live subscription signals its subscriber ({@code onError} for a cancelled context, {@code onComplete}
 * for a closed channel), and that subscriber is the finished test's, which reports any signal it did not expect to
 * the {@code TestEnvironment} the whole class shares. So {@link #run()} waits until the goroutines it stopped have
 * ended, and with them every signal they make: the next test's {@code setUp} clears the environment's errors only
 * after that, and never sees the previous test's late signals.
 */
final class Cleanup {
    /** How long the goroutines a test stopped may take to end. */
    private static final Duration GOROUTINES_END_TIMEOUT = Duration.ofSeconds(10);
    /** Goroutines that outlived a test's cleanup: reported once, then not waited for again. */
    private static final Set<Long> LEAKED = ConcurrentHashMap.newKeySet();

    private final List<Runnable> actions = new ArrayList<>();

    /** A fresh context, cancelled when the test is over. */
    synchronized CancelContext context() {
        CancelContext ctx = Context.withCancel(Context.background());
        actions.add(ctx::cancel);
        return ctx;
    }

    /** A context that is already cancelled: what an "error state" publisher is made from. */
    CancelContext cancelledContext() {
        CancelContext ctx = context();
        ctx.cancel();
        return ctx;
    }

    /** A fresh channel of {@code capacity}, closed when the test is over (a blocked sender wakes and ends). */
    synchronized <T> Channel<T> channel(int capacity) {
        Channel<T> ch = Channel.make(capacity);
        actions.add(() -> {
            try {
                ch.close();
            } catch (IllegalStateException alreadyClosed) {
                // The feeder closed it, or the test did: nothing left to release.
            }
        });
        return ch;
    }

    /** Cancels and closes everything the test made, then waits for the goroutines that stopped to end. */
    void run() {
        List<Runnable> todo;
        synchronized (this) {
            todo = new ArrayList<>(actions);
            actions.clear();
        }
        for (Runnable action : todo) {
            action.run();
        }
        try {
            Awaitility.await("goroutines of the finished TCK test ending")
                    .atMost(GOROUTINES_END_TIMEOUT)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> alive().isEmpty());
        } catch (ConditionTimeoutException timeout) {
            // Not a TCK rule, so not a failure here; but a goroutine that survives its cancel is worth seeing.
            List<GoroutineInfo> leaked = alive();
            leaked.forEach(g -> LEAKED.add(g.id()));
            System.err.println("[chanflow-tck] goroutines alive after a test's cleanup:\n" + Goroutines.dump(leaked));
        }
    }

    private static List<GoroutineInfo> alive() {
        return Goroutines.live().stream().filter(g -> !LEAKED.contains(g.id())).toList();
    }
}
