package io.chanflow.time;

import io.chanflow.ReceiveChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The channel side of Go's {@code time} package: one-shot timers, tickers and functions run after a delay.
 *
 * <pre>{@code
 * Instant t = Time.after(Duration.ofSeconds(1)).receive();           // t := <-time.After(time.Second)
 *
 * Timer timer = Time.newTimer(Duration.ofSeconds(5));                // timer := time.NewTimer(5 * time.Second)
 * if (timer.stop()) { ... }                                          // stopped before it fired
 *
 * Ticker ticker = Time.newTicker(Duration.ofMillis(500));          // ticker := time.NewTicker(500 * time.Millisecond)
 * for (int i = 0; i < 3; i++) {
 *     Instant t = ticker.c().receive();                               // t := <-ticker.C
 * }
 * ticker.stop();                                                      // ticker.Stop()
 *
 * Timer t = Time.afterFunc(Duration.ofSeconds(2), () -> log("late"));  // t := time.AfterFunc(2*time.Second, f)
 * if (t.stop()) { ... }                                               // stopped before f ran
 * }</pre>
 *
 * <h2>As in Go 1.23</h2>
 * <ul>
 *   <li>A timer or ticker delivers the current {@link Instant} on its channel {@code c()}; a timer once, a ticker
 *       every interval. A ticker drops ticks for a receiver that falls behind: at most one tick waits.</li>
 *   <li>After {@link Timer#stop()}, {@link Timer#reset}, {@link Ticker#stop()} or {@link Ticker#reset} returns, no
 *       value sent before the call can be received from {@code c()} (Go 1.23 made timer channels synchronous for
 *       this). A timer that has fired but whose time nobody has received still counts as active, so
 *       {@code stop()} returns {@code true} whenever the program has not received from {@code c()}.</li>
 *   <li>A timer with a zero or negative duration fires at once. A ticker needs a positive interval.</li>
 *   <li>Durations are measured on the monotonic clock ({@link System#nanoTime()}); the value sent is the wall-clock
 *       {@link Instant#now()} at the time of firing. Durations longer than about 146 years mean "never".</li>
 * </ul>
 *
 * <h2>Differences from Go</h2>
 * <ul>
 *   <li>{@code c()} is a channel of capacity 1, so its {@code cap()} is 1 and its {@code len()} is 1 while a fired
 *       value waits (Go reports 0 for both). The blocking, closing and stop/reset behaviour is Go 1.23's.</li>
 *   <li>A timer or ticker that is not stopped stays scheduled until it fires (a ticker: forever), even when the
 *       program no longer refers to it; Go 1.23 garbage-collects such timers. Stop a ticker you no longer need.</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * All timers share one daemon clock thread (a {@link java.util.concurrent.ScheduledThreadPoolExecutor}); a pending
 * timer is an entry in its heap, not a thread, so thousands of pending timers are cheap, and a stopped timer leaves
 * the heap at once. The clock thread never blocks on a channel: it offers each value with {@code trySend}, and an
 * after-func's function runs in its own goroutine.
 */
public final class Time {

    private Time() {
    }

    /**
     * A channel that receives the current time once {@code d} has elapsed: Go's {@code time.After(d)}, the same as
     * {@code newTimer(d).c()}. The timer cannot be stopped; use {@link #newTimer} when it may be abandoned early.
     *
     * @throws NullPointerException if {@code d} is {@code null}
     */
    public static ReceiveChannel<Instant> after(Duration d) {
        return newTimer(d).c();
    }

    /**
     * A timer that sends the current time on its channel once {@code d} has elapsed (at once if {@code d} is zero
     * or negative): Go's {@code time.NewTimer(d)}.
     *
     * @throws NullPointerException if {@code d} is {@code null}
     */
    public static Timer newTimer(Duration d) {
        return new Timer(TimerEngine.timer(nanos(d)));
    }

    /**
     * A ticker that sends the current time on its channel every {@code d}, first after {@code d}: Go's
     * {@code time.NewTicker(d)}. It drops ticks for a slow receiver. Stop it when it is no longer needed.
     *
     * @throws IllegalArgumentException {@code "non-positive interval for NewTicker"} if {@code d} is zero or
     *     negative (Go panics)
     * @throws NullPointerException if {@code d} is {@code null}
     */
    public static Ticker newTicker(Duration d) {
        long period = nanos(d);
        if (period <= 0L) {
            throw new IllegalArgumentException("non-positive interval for NewTicker");
        }
        return new Ticker(TimerEngine.ticker(Math.min(period, TimerEngine.NEVER)));
    }

    /**
     * A timer that, once {@code d} has elapsed (at once if zero or negative), runs {@code f} in its own goroutine:
     * Go's {@code time.AfterFunc(d, f)}. {@link Timer#stop()} reports whether it prevented the run; the timer has
     * no channel ({@link Timer#c()} throws). Creating the timer happens-before {@code f} runs.
     *
     * @throws NullPointerException if {@code d} or {@code f} is {@code null}
     */
    public static Timer afterFunc(Duration d, Runnable f) {
        long delay = nanos(d);
        Objects.requireNonNull(f, "f");
        return new Timer(TimerEngine.func(delay, f));
    }

    /** {@code d} in nanoseconds, saturated: negative stays negative, beyond {@code long} range means "never". */
    static long nanos(Duration d) {
        Objects.requireNonNull(d, "duration");
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.isNegative() ? Long.MIN_VALUE : TimerEngine.NEVER;
        }
    }
}
