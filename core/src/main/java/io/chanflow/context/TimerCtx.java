package io.chanflow.context;

import io.chanflow.time.Time;
import io.chanflow.time.Timer;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A cancel context with a deadline: Go's {@code timerCtx}, behind {@link Context#withDeadline} and
 * {@link Context#withTimeout}. The deadline is a {@link Time#afterFunc} timer on the shared clock (no thread of its
 * own), which cancels the context with {@link Context#DEADLINE_EXCEEDED}; cancelling the context first stops it.
 *
 * <p>{@code timer} is guarded by the inherited lock: it is started only while the context is not cancelled, and
 * stopped and cleared by the cancellation, so a cancelled context never keeps a pending timer.
 */
final class TimerCtx extends CancelCtx {
    private final Instant deadline;
    private final Optional<Instant> deadlineOpt;
    private Timer timer; // guarded by lock

    private TimerCtx(Context parent, Instant deadline) {
        super(parent);
        this.deadline = deadline;
        this.deadlineOpt = Optional.of(deadline);
    }

    /** Go's {@code WithDeadlineCause}: a plain cancel context if the parent's deadline comes first. */
    static CancelCtx create(Context parent, Instant deadline, Throwable cause) {
        Optional<Instant> current = parent.deadline();
        if (current.isPresent() && current.get().isBefore(deadline)) {
            return CancelCtx.create(parent); // the parent's deadline will cancel it first
        }
        TimerCtx c = new TimerCtx(parent, deadline);
        c.attach();
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            c.cancel(true, Context.DEADLINE_EXCEEDED, cause); // already passed
            return c;
        }
        c.lock.lock();
        try {
            if (c.err() == null) { // the parent may have cancelled it already
                c.timer = Time.afterFunc(left, () -> c.cancel(true, Context.DEADLINE_EXCEEDED, cause));
            }
        } finally {
            c.lock.unlock();
        }
        return c;
    }

    /** Now plus {@code timeout}, saturated to {@link Instant#MIN}/{@link Instant#MAX}. */
    static Instant deadlineAfter(Duration timeout) {
        try {
            return Instant.now().plus(timeout);
        } catch (DateTimeException | ArithmeticException outOfRange) {
            return timeout.isNegative() ? Instant.MIN : Instant.MAX;
        }
    }

    @Override
    public Optional<Instant> deadline() {
        return deadlineOpt;
    }

    @Override
    void cancelled() {
        if (timer != null) {
            timer.stop();
            timer = null;
        }
    }

    /** Go's form: {@code parent.WithDeadline(2026-11-27T19:40:56.500Z [1.499s])}, with the time left. */
    @Override
    public String toString() {
        return ValueCtx.name(parent) + ".WithDeadline(" + deadline + " ["
                + goDuration(Duration.between(Instant.now(), deadline)) + "])";
    }

    /**
     * {@code d} the way Go's {@code Duration.String} writes it: {@code 0s}, {@code 250ns}, {@code 1.5µs},
     * {@code 20ms}, {@code 1.5s}, {@code 2m0s}, {@code 1h0m0.5s}, {@code -3s}.
     */
    static String goDuration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (d.isNegative()) {
            sb.append('-');
            d = d.getSeconds() == Long.MIN_VALUE ? Duration.ofSeconds(Long.MAX_VALUE) : d.negated();
        }
        long secs = d.getSeconds();
        int nanos = d.getNano();
        if (secs == 0) {
            if (nanos < 1_000) {
                sb.append(nanos).append("ns");
            } else if (nanos < 1_000_000) {
                fraction(sb, nanos / 1_000, nanos % 1_000, 3).append("µs");
            } else {
                fraction(sb, nanos / 1_000_000, nanos % 1_000_000, 6).append("ms");
            }
            return sb.toString();
        }
        long h = secs / 3600;
        long m = secs / 60 % 60;
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            sb.append(m).append('m');
        }
        return fraction(sb, secs % 60, nanos, 9).append('s').toString();
    }

    /** Appends {@code whole}, then {@code .frac} written with {@code digits} digits, trailing zeros dropped. */
    private static StringBuilder fraction(StringBuilder sb, long whole, long frac, int digits) {
        sb.append(whole);
        if (frac != 0) {
            String f = String.valueOf(frac);
            sb.append('.').append("0".repeat(digits - f.length()));
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append(f, 0, end);
        }
        return sb;
    }
}
