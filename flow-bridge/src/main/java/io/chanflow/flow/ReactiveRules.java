package io.chanflow.flow;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Reactive Streams rules every Chanflow bridge enforces, in one place. The Flow, Reactor and RxJava bridges
 * all call these methods, so a rule is implemented once and cited (by its number in the
 * <a href="https://github.com/reactive-streams/reactive-streams-jvm/blob/v1.0.4/README.md">specification</a>)
 * where it is satisfied.
 *
 * <p>The rules about the order of signals — serialized signals (§1.3), at most one terminal signal (§1.7), nothing
 * after a cancel (§3.6, §3.7) — are kept by the bridges' structure rather than by a helper: every signal to a
 * subscriber is made by one goroutine, the subscription's emitter, which stops at the first terminal signal and
 * at the first cancel it sees. The helpers here are the pieces that structure needs.
 */
final class ReactiveRules {
    private ReactiveRules() {
    }

    /**
     * Adds demand {@code n > 0} to {@code demand}, capping the total at {@link Long#MAX_VALUE}, which then means
     * "unbounded" (§3.17: demand equal or greater than {@code Long.MAX_VALUE} may be treated as unbounded, and
     * adding to it must not overflow).
     *
     * @return the demand before the addition
     */
    static long addDemand(AtomicLong demand, long n) {
        for (;;) {
            long r = demand.get();
            if (r == Long.MAX_VALUE) {
                return r; // §3.17: already unbounded
            }
            long u = r + n;
            if (u < 0L) {
                u = Long.MAX_VALUE; // §3.17: overflow saturates at unbounded
            }
            if (demand.compareAndSet(r, u)) {
                return r;
            }
        }
    }

    /**
     * Removes {@code n} delivered elements from {@code demand}, unless it is unbounded (§3.17).
     *
     * @return the demand after the removal
     */
    static long produced(AtomicLong demand, long n) {
        for (;;) {
            long r = demand.get();
            if (r == Long.MAX_VALUE) {
                return r;
            }
            long u = r - n;
            if (u < 0L) {
                throw new IllegalStateException("more produced (" + n + ") than requested (" + r + ")");
            }
            if (demand.compareAndSet(r, u)) {
                return u;
            }
        }
    }

    /**
     * The error a publisher signals with {@code onError} for {@code request(n)} with {@code n <= 0} (§3.9).
     */
    static IllegalArgumentException nonPositiveRequest(long n) {
        return new IllegalArgumentException(
                "§3.9 violated: Subscription.request(n) needs n > 0, got " + n);
    }

    /**
     * The error a subscriber's {@code onSubscribe}/{@code onNext}/{@code onError} throws for a {@code null}
     * argument (§2.13: a null signal must be rejected with {@link NullPointerException}; §1.9 for
     * {@code subscribe(null)}).
     */
    static <T> T requireNonNull(T signal, String what) {
        return Objects.requireNonNull(signal, () -> "§2.13 violated: " + what + " must not be null");
    }

    /**
     * The error a second subscription gets: a publisher that allows one subscriber at a time rejects another with
     * {@code onSubscribe} (of a no-op subscription) followed by {@code onError} (§1.9, §2.5).
     */
    static IllegalStateException unicastViolation(Object publisher) {
        return new IllegalStateException(
                "§1.9/§2.5: " + publisher + " allows one subscriber at a time and is already subscribed");
    }

    /** A subscription that does nothing: what a rejected subscriber gets before its {@code onError} (§1.9). */
    static NoOpSubscription noOpSubscription() {
        return NoOpSubscription.INSTANCE;
    }

    /** The subscription handed to a subscriber that is rejected at once: requests and cancels do nothing. */
    static final class NoOpSubscription
            implements java.util.concurrent.Flow.Subscription, org.reactivestreams.Subscription {
        static final NoOpSubscription INSTANCE = new NoOpSubscription();

        private NoOpSubscription() {
        }

        @Override
        public void request(long n) {
            // §3.6: after the terminal signal, requests are no-ops
        }

        @Override
        public void cancel() {
            // §3.7: after the terminal signal, cancel is a no-op
        }
    }

    /**
     * Reports a subscriber method that threw (§2.13: the subscription is considered cancelled and the error is raised
     * "in a fashion adequate for the runtime environment"): to the current thread's uncaught-exception handler, as an
     * uncaught goroutine failure would be.
     */
    static void subscriberThrew(Throwable t) {
        Thread self = Thread.currentThread();
        self.getUncaughtExceptionHandler().uncaughtException(self, t);
    }
}
