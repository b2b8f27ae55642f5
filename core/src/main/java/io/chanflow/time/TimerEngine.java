package io.chanflow.time;

import io.chanflow.Channel;
import io.chanflow.Go;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state of one timer, ticker or after-func timer: Go's runtime {@code timer}. {@link Timer} and {@link Ticker}
 * are thin views of it.
 *
 * <h2>Implementation overview</h2>
 * The naive timer schedules a task that sends the time on a buffered channel, and stops by cancelling that task.
 * It has the two flaws Go 1.23 removed from Go's timers: a task that is already running when {@code stop()}
 * cancels it still sends its value afterwards, and a value sent before {@code stop()} or {@code reset()} stays in
 * the buffer, so a later receive returns a stale time. Both are closed here by one lock and a generation number:
 * <ul>
 *   <li>Every {@code stop} and {@code reset} increments {@link #seq} under the lock. A scheduled {@link Fire}
 *       carries the generation it was scheduled for and, under the lock, does nothing unless that is still the
 *       current one. Once {@code stop}/{@code reset} has released the lock, no task of an older generation can
 *       deliver anything, whatever the clock thread is doing.</li>
 *   <li>{@code stop} and {@code reset} drain the channel under the same lock. Its one-slot buffer is the only
 *       place a value can wait, so after they return nothing stale can be received. A drained value means the
 *       timer had fired but nobody had received the time: Go 1.23's channel is unbuffered, so there such a timer
 *       has sent nothing yet and {@code Stop} reports it as still active. We report it the same way.</li>
 * </ul>
 * The clock thread only ever takes this lock for a few instructions and never blocks on the channel
 * ({@code trySend}); an after-func's function runs in a new goroutine, started after the lock is released.
 *
 * <p>Invariants, under {@link #lock}:
 * <ul>
 *   <li>{@code pending != null} iff the timer is active: a {@link Fire} of generation {@link #seq} is scheduled
 *       and (for a one-shot timer) has not yet fired.</li>
 *   <li>A one-shot timer's channel holds a value only while {@code pending == null}: a fire clears
 *       {@code pending} and then sends; {@code stop}/{@code reset} drain it before arming again. So a fire always
 *       finds that buffer empty and its {@code trySend} cannot fail.</li>
 *   <li>A ticker ({@code period > 0}) stays active until stopped; its {@code trySend} fails when the receiver has
 *       not yet taken the previous tick, and then the tick is dropped, as in Go.</li>
 * </ul>
 */
final class TimerEngine {
    /** Durations at least this long (about 146 years) mean "never"; keeps {@code nanoTime} arithmetic safe. */
    static final long NEVER = Long.MAX_VALUE / 2;

    private final ReentrantLock lock = new ReentrantLock();

    /** The channel the time is sent on (capacity 1), or {@code null} for an after-func timer. */
    final Channel<Instant> c;

    /** The function an after-func timer starts in a goroutine; {@code null} for a channel timer or ticker. */
    private final Runnable f;

    // All below guarded by `lock`.

    /** 0 for a one-shot timer; the tick interval in nanoseconds for a ticker. */
    private long period;
    /** The generation: incremented by every stop and reset, so that older fire tasks become no-ops. */
    private long seq;
    /** The scheduled fire of generation {@code seq}; {@code null} when the timer is not active. */
    private ScheduledFuture<?> pending;
    /** When the pending fire is due, on the {@code nanoTime} clock; a ticker computes its next tick from it. */
    private long when;

    private TimerEngine(Channel<Instant> c, Runnable f, long period) {
        this.c = c;
        this.f = f;
        this.period = period;
    }

    /** A one-shot timer sending on a channel, fired {@code delay} nanoseconds from now (at once if {@code <= 0}). */
    static TimerEngine timer(long delay) {
        TimerEngine t = new TimerEngine(Channel.make(1), null, 0L);
        t.start(delay);
        return t;
    }

    /** A one-shot timer that starts {@code f} in a goroutine {@code delay} nanoseconds from now. */
    static TimerEngine func(long delay, Runnable f) {
        TimerEngine t = new TimerEngine(null, f, 0L);
        t.start(delay);
        return t;
    }

    /** A ticker with a positive {@code period}, first tick one period from now. */
    static TimerEngine ticker(long period) {
        TimerEngine t = new TimerEngine(Channel.make(1), null, period);
        t.start(period);
        return t;
    }

    private void start(long delay) {
        Runnable run;
        lock.lock();
        try {
            run = arm(delay);
        } finally {
            lock.unlock();
        }
        go(run);
    }

    /**
     * Deactivates the timer and drains its channel: Go's {@code Stop}.
     *
     * @return whether the timer was active, counting a fired value nobody had received
     */
    boolean stop() {
        lock.lock();
        try {
            return disarm();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deactivates and drains as {@link #stop}, then arms again: Go's {@code Reset}. {@code newPeriod} is 0 for a
     * one-shot timer, and the new interval (equal to {@code delay}) for a ticker.
     *
     * @return whether the timer was active before, as {@link #stop} reports it
     */
    boolean reset(long delay, long newPeriod) {
        boolean active;
        Runnable run;
        lock.lock();
        try {
            active = disarm();
            period = newPeriod;
            run = arm(delay);
        } finally {
            lock.unlock();
        }
        go(run);
        return active;
    }

    /** Lock held. Starts a new generation with nothing scheduled and nothing buffered; returns the old activity. */
    private boolean disarm() {
        seq++;
        boolean active = pending != null;
        if (active) {
            pending.cancel(false); // if it is running already, the new generation makes it a no-op
            pending = null;
        }
        if (c != null && c.tryReceive().ok()) {
            active = true; // fired but not received: not yet delivered, as in Go 1.23
        }
        return active;
    }

    /**
     * Lock held, timer inactive. Schedules the first fire of the current generation {@code delay} nanoseconds from
     * now, or fires at once for a one-shot timer with {@code delay <= 0} (Go does too). Returns the function to
     * start after unlocking, if any.
     */
    private Runnable arm(long delay) {
        if (period == 0L && delay <= 0L) {
            return expire();
        }
        long d = Math.min(delay, NEVER);
        when = System.nanoTime() + d;
        pending = Scheduler.schedule(new Fire(seq), d);
        return null;
    }

    /** Lock held. Delivers one expiry: sends the time, or returns the function to start after unlocking. */
    private Runnable expire() {
        if (c == null) {
            return f;
        }
        // A one-shot timer's buffer is empty here (see the invariants). A ticker's is full iff the last tick has
        // not been received: then this tick is dropped, as Go drops ticks for a slow receiver.
        c.trySend(Instant.now());
        return null;
    }

    private static void go(Runnable run) {
        if (run != null) {
            Go.go(run::run);
        }
    }

    /** The task the clock thread runs when a timer of generation {@link #g} is due. */
    private final class Fire implements Runnable {
        private final long g;

        Fire(long g) {
            this.g = g;
        }

        @Override
        public void run() {
            Runnable run;
            lock.lock();
            try {
                if (g != seq) {
                    return; // stopped or reset after this task was scheduled
                }
                if (period > 0L) {
                    // Next tick on the original grid, skipping the ticks this one is late by (Go does the same).
                    long now = System.nanoTime();
                    long late = Math.max(0L, now - when);
                    long delay = period - late % period;
                    when = now + delay;
                    pending = Scheduler.schedule(this, delay);
                } else {
                    pending = null;
                }
                run = expire();
            } finally {
                lock.unlock();
            }
            go(run);
        }
    }
}
