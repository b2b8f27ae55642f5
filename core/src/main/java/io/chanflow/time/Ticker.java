package io.chanflow.time;

import io.chanflow.ReceiveChannel;
import java.time.Duration;
import java.time.Instant;

/**
 * A clock that ticks at a fixed interval: Go's {@code *time.Ticker}, made by {@link Time#newTicker}.
 *
 * <p>Each tick sends the current time on {@link #c()}. A receiver that falls behind loses ticks: at most one tick
 * waits in the channel, later ones are dropped until it has been received, and the ticker keeps to its original
 * schedule rather than catching up. After {@link #stop()} or {@link #reset} returns, no tick sent before the call
 * can be received (Go 1.23).
 *
 * <p>A ticker runs until stopped, even if nothing refers to it any more (Go 1.23 would collect it): stop it when
 * done. All methods are safe to call from any thread.
 */
public final class Ticker {
    private final TimerEngine engine;

    Ticker(TimerEngine engine) {
        this.engine = engine;
    }

    /**
     * The channel on which ticks are delivered: Go's {@code ticker.C}. Every call returns the same channel. Its
     * capacity is 1 (Go reports 0). It is never closed, also not by {@link #stop()}.
     */
    public ReceiveChannel<Instant> c() {
        return engine.c;
    }

    /**
     * Turns the ticker off: Go's {@code ticker.Stop()}. No more ticks are sent, and a tick not yet received is
     * discarded. The channel is not closed, so a receive after {@code stop} blocks. Stopping twice is harmless;
     * {@link #reset} starts the ticker again.
     */
    public void stop() {
        engine.stop();
    }

    /**
     * Stops the ticker and restarts it with interval {@code d}: Go's {@code ticker.Reset(d)}. The next tick comes
     * {@code d} from now; a tick not yet received is discarded.
     *
     * @throws IllegalArgumentException {@code "non-positive interval for Ticker.Reset"} if {@code d} is zero or
     *     negative (Go panics); the ticker is then left as it was
     * @throws NullPointerException if {@code d} is {@code null}
     */
    public void reset(Duration d) {
        long period = Time.nanos(d);
        if (period <= 0L) {
            throw new IllegalArgumentException("non-positive interval for Ticker.Reset");
        }
        long p = Math.min(period, TimerEngine.NEVER);
        engine.reset(p, p);
    }
}
