package io.chanflow.flow;

import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.context.AfterFunc;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A cold publisher of at most one value computed by blocking code: the engine of every single-value builder (Reactor's
 * {@code mono}, RxJava's {@code single}, {@code maybe} and {@code completable}). Both a {@link Flow.Publisher} and an
 * {@link org.reactivestreams.Publisher}. Made by {@link FlowChannels#value}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>For each subscriber, the {@link ValueProducer body} runs in a new goroutine with a context derived from the
 *       parent; that goroutine makes every signal: {@code onSubscribe} first, then, once the body returned, the value
 *       as soon as it was requested and {@code onComplete} ({@code null}: {@code onComplete} at once), or
 *       {@code onError} with what the body threw.</li>
 *   <li><b>Cancellation is {@code Context.done()}</b>: the subscriber's cancel cancels the body's context; what the
 *       body returns afterwards goes to the discard hook and what it throws to the error hook, unless it is the
 *       cancellation itself. The parent being cancelled ends a subscription still waiting for demand with
 *       {@code onError(Context.cause(ctx))}.</li>
 *   <li>{@code request(n <= 0)} cancels the body's context and signals {@code onError(IllegalArgumentException)}
 *       (§3.9). The context is cancelled when the subscription ends, however it ends (Go's {@code defer cancel()}).</li>
 * </ul>
 *
 * @param <T> the value's type
 */
public final class ValuePublisher<T> implements Flow.Publisher<T>, org.reactivestreams.Publisher<T> {
    private final Context parent;
    private final ValueProducer<? extends T> body;
    private final Undeliverable undeliverable;

    ValuePublisher(Context parent, ValueProducer<? extends T> body, Undeliverable undeliverable) {
        this.parent = Objects.requireNonNull(parent, "parent context");
        this.body = Objects.requireNonNull(body, "value body");
        this.undeliverable = Objects.requireNonNull(undeliverable, "undeliverable");
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        subscribe(subscriber, Bridging.of(undeliverable));
    }

    @Override
    public void subscribe(org.reactivestreams.Subscriber<? super T> subscriber) {
        subscribe(subscriber, Bridging.of(undeliverable));
    }

    /** Subscribes with a {@link Bridging} of the subscriber's own; see {@link ChannelPublisher#subscribe(Flow.Subscriber, Bridging)}. */
    public void subscribe(Flow.Subscriber<? super T> subscriber, Bridging bridging) {
        ReactiveRules.requireNonNull(subscriber, "subscriber"); // §1.9
        Objects.requireNonNull(bridging, "bridging");
        ValueSubscription<T> s = new ValueSubscription<>(this, subscriber, Context.withCancel(parent), body, bridging);
        Go.go("chanflow-value", bridging.around(s::run));
    }

    /** {@link #subscribe(Flow.Subscriber, Bridging)} for an {@link org.reactivestreams.Subscriber}. */
    public void subscribe(org.reactivestreams.Subscriber<? super T> subscriber, Bridging bridging) {
        subscribe(new ChannelPublisher.RsSubscriber<>(ReactiveRules.requireNonNull(subscriber, "subscriber")),
                bridging); // §1.9
    }

    @Override
    public String toString() {
        return "ValuePublisher[" + body + "]";
    }

    /**
     * One subscription: its goroutine runs the body, waits for demand, signals.
     *
     * <p>Invariants: only the goroutine running {@link #run} signals the subscriber (§1.3), at most once
     * {@code onNext} and once a terminal signal (§1.7); {@link #request} and {@link #cancel} record and wake, never
     * signal. A waker sets its flag before reading {@link #parked}; the goroutine publishes {@link #parked} before
     * re-reading the flags.
     */
    private static final class ValueSubscription<T> implements BridgeSubscription {
        private final ValuePublisher<T> publisher;
        private final Flow.Subscriber<? super T> subscriber;
        private final CancelContext ctx;
        private final ValueProducer<? extends T> body;
        private final Bridging bridging;
        private final AtomicLong demand = new AtomicLong();
        private volatile boolean cancelled;
        private volatile boolean terminated;
        private volatile IllegalArgumentException badRequest;
        private volatile Thread parked;

        ValueSubscription(ValuePublisher<T> publisher, Flow.Subscriber<? super T> subscriber, CancelContext ctx,
                          ValueProducer<? extends T> body, Bridging bridging) {
            this.publisher = publisher;
            this.subscriber = subscriber;
            this.ctx = ctx;
            this.body = body;
            this.bridging = bridging;
        }

        @Override
        public void request(long n) {
            if (n <= 0L) {
                if (badRequest == null) {
                    badRequest = ReactiveRules.nonPositiveRequest(n); // §3.9: signalled by the goroutine (§1.3)
                    ctx.cancel(); // the body stops: the subscription is over
                }
            } else {
                ReactiveRules.addDemand(demand, n); // §3.17
            }
            wake(); // §3.3: never signals from here
        }

        @Override
        public void cancel() {
            if (!cancelled) { // §3.5: idempotent
                cancelled = true;
                ctx.cancel(); // cancellation is Context.done(): the body sees it
                wake();
            }
        }

        private void wake() {
            Thread t = parked;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }

        void run() {
            try {
                try {
                    subscriber.onSubscribe(bridging.present(this)); // §1.9: the first signal
                } catch (Throwable t) {
                    cancelAfterThrow(t); // §2.13
                    return;
                }
                T value;
                try {
                    value = body.produce(ctx);
                } catch (Throwable t) {
                    boolean cancellation = t instanceof CancellationException && ctx.err() != null;
                    if (cancelled) {
                        if (!cancellation) {
                            bridging.errorDropped(t); // after the cancel: nobody receives it
                        }
                    } else if (badRequest != null && cancellation) {
                        signalError(badRequest); // §3.9: the body stopped because of it
                    } else {
                        signalError(t);
                    }
                    return;
                }
                awaitDemandOrEnd(value != null);
                if (cancelled) {
                    if (value != null) {
                        bridging.elementDiscarded(value); // §3.6: nothing after a cancel
                    }
                    return;
                }
                IllegalArgumentException bad = badRequest;
                if (bad != null) {
                    if (value != null) {
                        bridging.elementDiscarded(value);
                    }
                    signalError(bad); // §3.9
                    return;
                }
                if (value != null) {
                    if (demand.get() == 0L) {
                        bridging.elementDiscarded(value);
                        signalError(Context.cause(ctx)); // cancelled from outside before any demand
                        return;
                    }
                    try {
                        subscriber.onNext(value);
                    } catch (Throwable t) {
                        cancelAfterThrow(t); // §2.13
                        return;
                    }
                    if (cancelled) {
                        return; // §3.6: cancelled from inside onNext
                    }
                }
                signalComplete(); // §1.5: completion needs no demand
            } finally {
                ctx.cancel(); // Go's `defer cancel()`
            }
        }

        /** Parks until there is demand (if a value waits for it), a cancel, a bad request or an outside cancel. */
        private void awaitDemandOrEnd(boolean needsDemand) {
            if (!needsDemand || demand.get() != 0L) {
                return;
            }
            parked = Thread.currentThread();
            AfterFunc waker = Context.afterFunc(ctx, this::wake); // the parent's cancel ends the wait too
            try {
                while (demand.get() == 0L && !cancelled && badRequest == null && ctx.err() == null) {
                    LockSupport.park(this);
                }
            } finally {
                waker.stop();
                parked = null;
            }
        }

        private void signalError(Throwable t) {
            terminated = true;
            try {
                subscriber.onError(t);
            } catch (Throwable thrown) {
                bridging.errorDropped(thrown); // §2.13
            }
        }

        private void signalComplete() {
            terminated = true;
            try {
                subscriber.onComplete();
            } catch (Throwable thrown) {
                bridging.errorDropped(thrown); // §2.13
            }
        }

        private void cancelAfterThrow(Throwable t) {
            cancelled = true;
            ctx.cancel();
            bridging.errorDropped(t); // §2.13
        }

        @Override
        public long requested() {
            return demand.get();
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isTerminated() {
            return terminated;
        }

        @Override
        public ReceiveChannel<?> channel() {
            return null;
        }

        @Override
        public Object subscriber() {
            return subscriber instanceof ChannelPublisher.RsSubscriber<?> rs ? rs.s() : subscriber;
        }

        @Override
        public Object publisher() {
            return publisher;
        }

        @Override
        public String toString() {
            return "ValueSubscription[" + publisher + "]";
        }
    }
}
