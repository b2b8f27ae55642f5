package io.chanflow.flow;

import io.chanflow.ChannelFeed;
import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.Received;
import io.chanflow.context.AfterFunc;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import java.util.ArrayList;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine of every publisher the bridges make: one subscription that receives from a channel, only what was
 * requested, and signals a subscriber.
 *
 * <h2>Implementation overview</h2>
 * One goroutine, the <em>emitter</em>, makes every signal to the subscriber: {@code onSubscribe}, then
 * {@code onNext} for each element it received, then at most one of {@code onComplete}/{@code onError}. It loops:
 * wait until there is demand, receive one element, signal it, count it off. {@link #request} and {@link #cancel}
 * only record what they were asked and wake the emitter, so they never block, never signal the subscriber from the
 * caller's thread and may be called from any thread, reentrantly or not.
 *
 * <p>Cancellation is the context's: {@link #cancel} cancels {@link #ctx}, and a blocked receive on the source is a
 * receive bounded by that context (or, for the producer builder, whose source the subscription closes when it is
 * cancelled or ends early, a plain receive). The context being cancelled from outside — its parent, a deadline — ends the subscription with
 * {@code onError(Context.cause(ctx))}.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Only the emitter thread calls the subscriber (§1.3), and it returns after the first terminal signal (§1.7)
 *       and as soon as it sees {@link #cancelled} (§3.6, §3.7), so at most one element in flight is signalled after a
 *       cancel — which §2.8 allows, and which means an element taken from the channel is never dropped.</li>
 *   <li>{@link #demand} is the requested-but-not-yet-signalled count, capped at {@link Long#MAX_VALUE} (§3.17);
 *       the emitter receives only while it is positive, so it never takes from the channel more than was asked
 *       for (§1.1).</li>
 *   <li>A waker sets its flag before reading {@link #parked}; the emitter publishes {@link #parked} before
 *       re-checking the flags, so a wake-up is never lost.</li>
 * </ul>
 */
final class ChannelSubscription<T> implements Flow.Subscription, org.reactivestreams.Subscription {
    private final Flow.Subscriber<? super T> subscriber;
    private final ReceiveChannel<? extends T> source;
    private final CancelContext ctx;
    /**
     * Non-null when this subscription owns its source (the producer builder): closes the source with the context's
     * error, which wakes a send blocked in the producer and a receive blocked in the emitter. Idempotent. Run by a
     * cancel, by the context's cancellation, and when the subscription ends without the source having closed.
     */
    private final Runnable release;
    /** {@code true} if this subscription created {@link #ctx} and must release it when it ends. */
    private final boolean ownsCtx;
    /** Runs once when the subscription ends, however it ends. */
    private final Runnable onEnd;
    /** Where a throwing subscriber's error goes (§2.13). */
    private final Undeliverable undeliverable;

    /** The most elements taken from the source at once: what {@link ReceiveChannel#drainTo} hands over per call. */
    private static final int MAX_BATCH = 256;

    private final AtomicLong demand = new AtomicLong();
    /** Emitter only: the elements of one {@code drainTo}, signalled in order and then cleared. */
    private final ArrayList<T> batch = new ArrayList<>();
    private volatile boolean cancelled;
    private volatile IllegalArgumentException badRequest;
    private volatile Thread parked;
    /** Set once {@link #source} is closed: it takes no more elements, so once drained it ends the stream. */
    private volatile boolean sourceClosed;
    /** Emitter only: the source's own closure was signalled, so a producer's body has returned or thrown. */
    private boolean sourceEnded;

    ChannelSubscription(Flow.Subscriber<? super T> subscriber, ReceiveChannel<? extends T> source,
                        CancelContext ctx, Runnable release, boolean ownsCtx, Runnable onEnd,
                        Undeliverable undeliverable) {
        this.undeliverable = undeliverable;
        this.subscriber = subscriber;
        this.source = source;
        this.ctx = ctx;
        this.release = release;
        this.ownsCtx = ownsCtx;
        this.onEnd = onEnd;
    }

    /** Starts the emitter goroutine. */
    void start() {
        Go.go("chanflow-emitter", this::emit);
    }

    @Override
    public void request(long n) {
        if (n <= 0L) {
            if (badRequest == null) {
                badRequest = ReactiveRules.nonPositiveRequest(n); // §3.9: signalled by the emitter (§1.3)
            }
        } else {
            ReactiveRules.addDemand(demand, n); // §3.17
        }
        wake(); // §3.2, §3.3: never signals from here, so reentrant requests cannot recurse
    }

    @Override
    public void cancel() {
        if (!cancelled) { // §3.5: idempotent
            cancelled = true;
            ctx.cancel(); // cancellation is Context.done(): the producer sees it
            if (release != null) {
                release.run();
            }
            wake();
        }
    }

    private void wake() {
        Thread t = parked;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** The emitter: the only code that signals the subscriber. */
    private void emit() {
        // An outside cancellation wakes an emitter waiting for demand, or blocked on a source it owns.
        AfterFunc waker = Context.afterFunc(ctx, release == null ? this::wake : () -> {
            release.run();
            wake();
        });
        // §1.4, §1.5: a closed and drained source ends the stream without waiting for demand, so the close wakes it.
        Runnable unwatch = ChannelFeed.watchClose(source, () -> {
            sourceClosed = true;
            wake();
        });
        try {
            try {
                subscriber.onSubscribe(this); // §1.9: the first signal
            } catch (Throwable t) {
                cancelAfterThrow(t); // §2.13
                return;
            }
            for (;;) {
                if (cancelled) {
                    return; // §3.6, §3.7: nothing after a cancel
                }
                IllegalArgumentException bad = badRequest;
                if (bad != null) {
                    cancelled = true;
                    ctx.cancel(); // §3.9: the subscription is over; the producer's context with it
                    signalError(bad);
                    return;
                }
                if (ctx.err() != null) {
                    if (cancelled) {
                        return; // the subscriber's own cancel (it sets `cancelled` before cancelling ctx): §3.6, §3.7
                    }
                    signalError(Context.cause(ctx)); // cancelled from outside: a parent, a deadline
                    return;
                }
                if (demand.get() == 0L) {
                    if (closedAndDrained()) {
                        // Closed with nothing buffered: tryReceive reports the closure and takes no element (§1.1).
                        Received<? extends T> end = source.tryReceive();
                        if (end.isClosed()) {
                            if (cancelled || (release != null && ctx.err() != null)) {
                                continue; // closed by the cancellation, not by the producer: the loop's head decides
                            }
                            signalClosure(end.cause());
                            return;
                        }
                    }
                    awaitDemand();
                    continue;
                }
                // What is ready now, up to the demand, in one lock hold per chunk (§1.1: never beyond the demand).
                int n = source.drainTo(batch, (int) Math.min(demand.get(), MAX_BATCH));
                if (n > 0) {
                    for (int i = 0; i < n; i++) {
                        try {
                            subscriber.onNext(batch.get(i)); // §2.8: the whole batch, even if a cancel raced it
                        } catch (Throwable t) {
                            batch.clear();
                            cancelAfterThrow(t); // §2.13
                            return;
                        }
                    }
                    batch.clear();
                    ReactiveRules.produced(demand, n); // §3.17: unbounded demand stays unbounded
                    continue;
                }
                // Nothing ready: wait for one element (or the closure).
                Received<? extends T> r = source.tryReceive();
                if (r.wouldBlock()) {
                    try {
                        // An owned source is closed by the cancellation, so a plain receive wakes on it.
                        r = release != null ? source.receiveOrClosed() : source.receiveOrClosed(ctx);
                    } catch (CancellationException done) {
                        continue; // the loop's head tells a subscriber's cancel from an outside one
                    }
                }
                if (r.isClosed()) {
                    if (cancelled || (release != null && ctx.err() != null)) {
                        continue; // closed by the cancellation, not by the producer: the loop's head decides
                    }
                    signalClosure(r.cause());
                    return;
                }
                try {
                    subscriber.onNext(r.value()); // §2.8: delivered even if a cancel raced it — never dropped
                } catch (Throwable t) {
                    cancelAfterThrow(t); // §2.13
                    return;
                }
                ReactiveRules.produced(demand, 1L); // §3.17: unbounded demand stays unbounded
            }
        } catch (InterruptedException e) {
            // Nobody but the user interrupts the emitter: treat it as an outside cancellation.
            cancelled = true;
            ctx.cancel();
            signalError(e);
        } finally {
            waker.stop();
            waker.stop();
            unwatch.run(); // §3.13: the source no longer references this subscription, nor its subscriber
            if (release != null && !sourceEnded) {
                release.run(); // ended early (cancel, bad request, throwing subscriber): no producer outlives it
            }
            if (ownsCtx) {
                ctx.cancel(); // Go's `defer cancel()`: release the context once the subscription ended
            }
            onEnd.run();
        }
    }

    /**
     * {@code true} once the source is closed and holds no element: nothing more can arrive. (Closed channels only
     * lose elements, so this stays true; another consumer draining a shared channel does not wake the emitter,
     * which then ends at its next request.)
     */
    private boolean closedAndDrained() {
        return sourceClosed && source.len() == 0;
    }

    /** Parks until there is demand, a bad request, a cancel, the context is done or the source ended. */
    private void awaitDemand() {
        parked = Thread.currentThread();
        while (demand.get() == 0L && !cancelled && badRequest == null && ctx.err() == null && !closedAndDrained()) {
            LockSupport.park(this);
        }
        parked = null;
    }

    /** The source was closed by its producer: {@code onComplete}, or {@code onError} for a close with a cause. */
    private void signalClosure(Throwable cause) {
        sourceEnded = true;
        cancelled = true; // §1.7: the terminal signal is the last; later request/cancel are no-ops
        if (cause == null) {
            signalComplete();
        } else {
            signalError(cause);
        }
    }

    private void signalError(Throwable t) {
        try {
            subscriber.onError(t);
        } catch (Throwable thrown) {
            undeliverable.errorDropped(thrown); // §2.13: the subscription is over already
        }
    }

    private void signalComplete() {
        try {
            subscriber.onComplete();
        } catch (Throwable thrown) {
            undeliverable.errorDropped(thrown); // §2.13
        }
    }

    /** §2.13: a subscriber method threw: the subscription is cancelled and the error reported. */
    private void cancelAfterThrow(Throwable t) {
        cancelled = true;
        ctx.cancel();
        undeliverable.errorDropped(t);
    }
}
