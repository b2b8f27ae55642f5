package io.chanflow.test;

import io.chanflow.GoroutineInfo;
import io.chanflow.Goroutines;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit Jupiter extension that fails a test which leaves goroutines running: goroutines started by
 * {@link io.chanflow.Go} during the test (including its {@code @BeforeEach} and {@code @AfterEach} methods) that are
 * still alive once it ended. Go programmers know the idea from {@code goleak.VerifyNone}.
 *
 * <pre>{@code
 * @ExtendWith(GoroutineLeakCheck.class)      // or @CheckGoroutineLeaks
 * class PipelineTest { ... }
 *
 * @RegisterExtension                           // a longer grace period
 * static GoroutineLeakCheck leaks = GoroutineLeakCheck.within(Duration.ofSeconds(2));
 * }</pre>
 *
 * <p>A goroutine often ends a moment after the test that stopped it (it was just told to by a close or a cancel),
 * so the check retries, sleeping 1 ms, then 2 ms, 4 ms and so on (at most 100 ms a time), for up to half a second
 * by default; only goroutines still alive after that count as leaked. The failure names each one with its state in
 * Go's words ({@code chan receive}, {@code chan send}, {@code select}, ...), the channel it is parked on and its
 * stack, in the format of {@link Goroutines#dump()}. Goroutines already alive before the test started are ignored.
 *
 * <p>Goroutines are process-wide: when tests run in parallel, one started by another test during this one is
 * counted as this test's. Use the check on tests that run on their own, or in a class that does not run in parallel.
 */
public final class GoroutineLeakCheck implements BeforeEachCallback, AfterEachCallback {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** No pause longer than this: a goroutine that ends just after a pause starts is seen soon enough. */
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(GoroutineLeakCheck.class);
    private static final String BEFORE = "goroutines alive before the test";

    private final Duration timeout;

    /** The check with the default grace period of half a second; used by {@code @ExtendWith}. */
    public GoroutineLeakCheck() {
        this(DEFAULT_TIMEOUT);
    }

    private GoroutineLeakCheck(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * A check that waits up to {@code timeout} for the test's goroutines to end, for
     * {@code @RegisterExtension}. A zero timeout checks once, without waiting.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static GoroutineLeakCheck within(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        return new GoroutineLeakCheck(timeout);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Set<Long> before = Goroutines.live().stream().map(GoroutineInfo::id).collect(Collectors.toUnmodifiableSet());
        context.getStore(NAMESPACE).put(BEFORE, before);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        @SuppressWarnings("unchecked")
        Set<Long> before = (Set<Long>) context.getStore(NAMESPACE).get(BEFORE, Set.class);
        if (before == null) {
            throw new IllegalStateException("unexpected state: afterEach without beforeEach");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        List<GoroutineInfo> leaked;
        while (!(leaked = startedSince(before)).isEmpty()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0L) {
                throw new AssertionError(report(leaked));
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(pause, remaining));
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }

    private static List<GoroutineInfo> startedSince(Set<Long> before) {
        return Goroutines.live().stream().filter(g -> !before.contains(g.id())).toList();
    }

    private String report(List<GoroutineInfo> leaked) {
        int n = leaked.size();
        return n + (n == 1 ? " goroutine" : " goroutines") + " started by this test "
                + (n == 1 ? "is" : "are") + " still alive " + timeout.toMillis() + " ms after it ended:\n\n"
                + Goroutines.dump(leaked);
    }
}
