package io.chanflow.time;

import io.chanflow.ReceiveChannel;
import java.time.Duration;
import java.time.Instant;

/**
 * A single event in the future: Go's {@code *time.Timer}, made by {@link Time#newTimer} (sends the time on
 * {@link #c()}) or {@link Time#afterFunc} (runs a function in a goroutine).
 *
 * <p>A timer is <em>active</em> from its creation or {@link #reset} until it fires or is stopped. For a channel
 * timer, Go 1.23's rule holds: a timer that has fired but whose time has not been received counts as still active,
 * and after {@link #stop()} or {@link #reset} returns, no time sent before the call can be received.
 *
 * <p>All methods are safe to call from any thread, concurrently with the timer firing.
 */
public final class Timer {
    private final TimerEngine engine;

    Timer(TimerEngine engine) {
        this.engine = engine;
    }

    /**
     * The channel on which the time is delivered: Go's {@code t.C}. Every call returns the same channel. Its
     * capacity is 1 (Go reports 0), so {@code len()} is 1 while a fired time waits to be received.
     *
     * @throws IllegalStateException if this timer was made by {@link Time#afterFunc}, which has no channel (Go's
     *     {@code t.C} is nil there, and receiving from it would block forever)
     */
    public ReceiveChannel<Instant> c() {
        if (engine.c == null) {
            throw new IllegalStateException("time: a Timer made by AfterFunc has no channel");
        }
        return engine.c;
    }

    /**
     * Prevents the timer from firing: Go's {@code t.Stop()}. Does not wait for anything and never blocks.
     *
     * @return {@code true} if the timer was active: it had not fired yet, or (channel timer) it had fired but its
     *     time had not been received, which is then discarded. {@code false} if it had already delivered its time
     *     (or started its function) or had been stopped. For an after-func timer, {@code true} means the function
     *     will not run; {@code false} means it was started (stop does not wait for it) or was stopped before.
     */
    public boolean stop() {
        return engine.stop();
    }

    /**
     * Makes the timer fire once {@code d} has elapsed from now (at once if zero or negative), whether or not it is
     * active: Go's {@code t.Reset(d)}. A time not yet received is discarded first, so the next value received from
     * {@link #c()} is the new one. An after-func timer whose function already ran will run it again.
     *
     * @return whether the timer was active before the call, as {@link #stop()} reports it
     * @throws NullPointerException if {@code d} is {@code null}
     */
    public boolean reset(Duration d) {
        return engine.reset(Time.nanos(d), 0L);
    }
}
