package io.chanflow.flow;

import io.chanflow.feed.ChannelFeed;
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
 * The engine of every channel publisher the bridges make: one subscription that receives from a channel, only what
 * was requested, and signals a subscriber.
 *
 * <h2>Implementation overview</h2>
 * One goroutine, the <em>emitter</em>, makes every signal to the subscriber: {@code onSubscribe}, then
 * {@code onNext} for each element it received, then at most one of {@code onComplete}/{@code onError}. It loops:
 * wait until there is demand, receive, signal, count off. {@link #request} and {@link #cancel} only record what they
 * were asked and wake the emitter, so they never block, never signal the subscriber from the caller's thread and
 * may be called from any thread, reentrantly or not.
 *
 * <p>Cancellation is the context's: {@link #cancel} cancels {@link #ctx}, and a blocked receive on the source is a
 * receive bounded by that context (or, for the producer builder, whose source the subscription closes when it is
 * cancelled or ends early, a plain receive). The context being cancelled from outside — its parent, a deadline —
 * ends the subscription with {@code onError(Context.cause(ctx))}.
 *
 * <p>How much is taken from the source depends on who else can receive from it:
 * <ul>
 *   <li>A source <em>shared</em> with the world (a user's channel given to {@code publish}) is received from one
 *       element at a time, and {@link #cancelled} is read before each receive: after the emitter saw the cancel it
 *       takes nothing more, so every element not yet signalled stays in the channel for its other receivers and for
 *       the publisher's next subscriber. The one exception is the element <em>in flight</em>: received while the
 *       cancel arrived from another thread. It is not signalled (the subscriber asked for no more) but given to
 *       {@link Undeliverable#elementDiscarded}.</li>
 *   <li>A source the subscription <em>owns</em> (a producer builder's channel, which nobody else can reach and which
 *       the cancel closes and empties into {@link Undeliverable#elementDiscarded}) is drained in chunks of up to
 *       {@link #MAX_BATCH}, one lock hold each; a chunk is signalled element by element while not cancelled, and
 *       what is left of it after a cancel goes to {@link Undeliverable#elementDiscarded} with the channel's rest.</li>
 * </ul>
 *
 * <p>A unicast publisher serves one subscription at a time, but a subscriber may arrive as soon as the previous one
 * was cancelled or terminated, before its emitter has returned (a {@code take(1)} resubscribed at once, a
 * {@code retry} from inside {@code onNext}). Such a subscription is given the previous one as its
 * {@link #predecessor}: its emitter signals {@code onSubscribe}, then waits until the predecessor's emitter has
 * {@link #ended} before it touches the source, so two emitters never receive from it at once and no element is
 * taken by a subscription that will not signal it.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Only the emitter thread calls the subscriber (§1.3); it returns after the first terminal signal (§1.7) and as
 *       soon as it sees {@link #cancelled} (§3.6, §3.7). At most one {@code onNext} can be under way when a cancel
 *       arrives (§2.8 lets it reach the subscriber); none starts after the emitter saw it.</li>
 *   <li>{@link #demand} is the requested-but-not-yet-signalled count, capped at {@link Long#MAX_VALUE} (§3.17); the
 *       emitter receives only while it is positive, never more than it (§1.1).</li>
 *   <li>{@link #ended} is written once, after the emitter's last touch of the source; the successor reads it after
 *       publishing {@link #parked}, and the predecessor wakes the successor after writing it, so the hand-over is
 *       never missed.</li>
 *   <li>A waker sets its flag before reading {@link #parked}; the emitter publishes {@link #parked} before re-checking
 *       the flags, so a wake-up is never lost.</li>
 * </ul>
 */
final class ChannelSubscription<T> implements BridgeSubscription {
    /** The most elements taken at once from an owned source: what {@link ReceiveChannel#drainTo} hands over per call. */
    static final int MAX_BATCH = 256;

    private final ChannelPublisher<T> publisher;
    private final Flow.Subscriber<? super T> subscriber;
    private final ReceiveChannel<? extends T> source;
    private final CancelContext ctx;
    /**
     * Non-null when this subscription owns its source (the producer builder): closes the source with the context's
     * error, which wakes a send blocked in the producer and a receive blocked in the emitter, and discards what it
     * holds. Idempotent. Run by a cancel, by the context's cancellation, and when the subscription ends without the
     * source having closed.
     */
    private final Runnable release;
    /** {@code true} if this subscription created {@link #ctx} and must release it when it ends. */
    private final boolean ownsCtx;
    /** Where elements and errors go that can no longer be signalled, and how the bridge presents this subscription. */
    private final Bridging bridging;
    /**
     * The previous subscription of the same unicast publisher, whose emitter must end first; or {@code null}. Emitter
     * only: cleared once that emitter ended, so a long run of resubscriptions does not keep every ended one alive.
     */
    private ChannelSubscription<T> predecessor;

    private final AtomicLong demand = new AtomicLong();
    /** Emitter only, owned sources only: the elements of one {@code drainTo}, signalled in order, then cleared. */
    private final ArrayList<T> batch;
    private volatile boolean cancelled;
    private volatile boolean terminated;
    private volatile IllegalArgumentException badRequest;
    private volatile Thread parked;
    /** Set once {@link #source} is closed: it takes no more elements, so once drained it ends the stream. */
    private volatile boolean sourceClosed;
    /** Set once the emitter returned: it will not touch the source again (see the hand-over invariant). */
    volatile boolean ended;
    /** The next subscription of the same unicast publisher, waiting for this one to end; set before it starts. */
    volatile ChannelSubscription<T> successor;
    /** Emitter only: the source's own closure was signalled, so a producer's body has returned or thrown. */
    private boolean sourceEnded;

    ChannelSubscription(ChannelPublisher<T> publisher, Flow.Subscriber<? super T> subscriber,
                        ReceiveChannel<? extends T> source, CancelContext ctx, Runnable release, boolean ownsCtx,
                        Bridging bridging, ChannelSubscription<T> predecessor) {
        this.publisher = publisher;
        this.subscriber = subscriber;
        this.source = source;
        this.ctx = ctx;
        this.release = release;
        this.ownsCtx = ownsCtx;
        this.bridging = bridging;
        this.predecessor = predecessor;
        this.batch = release != null ? new ArrayList<>() : null;
    }

    /** Starts the emitter goroutine. */
    void start() {
        Go.go("chanflow-emitter", bridging.around(this::emit));
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

    /** {@code true} while this subscription may still signal: neither cancelled nor terminated. */
    boolean isActive() {
        return !cancelled && !terminated;
    }

    void wake() {
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
                subscriber.onSubscribe(bridging.present(this)); // §1.9: the first signal
            } catch (Throwable t) {
                cancelAfterThrow(t); // §2.13
                return;
            }
            if (predecessor != null) {
                awaitPredecessor(true);
                if (predecessor.ended) {
                    predecessor = null; // nothing more to wait for: let the ended one go
                }
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
                            if (closedByCancel()) {
                                continue; // the loop's head decides
                            }
                            signalClosure(end.cause());
                            return;
                        }
                    }
                    awaitDemand();
                    continue;
                }
                if (batch != null) {
                    // An owned source: what is ready, up to the demand, in one lock hold (§1.1: never beyond it).
                    int n = source.drainTo(batch, (int) Math.min(demand.get(), MAX_BATCH));
                    if (n > 0) {
                        if (!emitBatch(n)) {
                            return;
                        }
                        continue;
                    }
                }
                // A shared source, or nothing ready: one element, waiting for it (or the closure) if need be.
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
                    if (closedByCancel()) {
                        continue; // the loop's head decides
                    }
                    signalClosure(r.cause());
                    return;
                }
                if (!emitOne(r.value())) {
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
            unwatch.run(); // §3.13: the source no longer references this subscription, nor its subscriber
            if (release != null && !sourceEnded) {
                release.run(); // ended early (cancel, bad request, throwing subscriber): no producer outlives it
            }
            if (ownsCtx) {
                ctx.cancel(); // Go's `defer cancel()`: release the context once the subscription ended
            }
            if (predecessor != null) {
                awaitPredecessor(false); // cancelled while waiting: still end after it, so the chain stays in order
                predecessor = null;
            }
            ended = true; // the last touch of the source is behind: the successor may start
            ChannelSubscription<T> next = successor;
            if (next != null) {
                next.wake();
            }
            publisher.ended(this);
        }
    }

    /**
     * Signals {@code value}, just received, unless the cancel arrived meanwhile: then it is the element in flight,
     * which goes to {@link Undeliverable#elementDiscarded} (the subscriber wants no more, and it cannot be put back).
     *
     * @return {@code false} if the emitter must return: cancelled, or the subscriber threw
     */
    private boolean emitOne(T value) {
        if (cancelled) {
            bridging.elementDiscarded(value); // §3.6: nothing signalled after the cancel was seen
            return false;
        }
        try {
            subscriber.onNext(value);
        } catch (Throwable t) {
            cancelAfterThrow(t); // §2.13
            return false;
        }
        return true;
    }

    /** Signals the {@code n} elements of {@link #batch}; after a cancel, the rest are discarded instead. */
    private boolean emitBatch(int n) {
        int i = 0;
        try {
            for (; i < n; i++) {
                if (!emitOne(batch.get(i))) {
                    i++; // emitOne discarded or delivered that one
                    return false;
                }
            }
            ReactiveRules.produced(demand, n); // §3.17: unbounded demand stays unbounded
            return true;
        } finally {
            for (; i < n; i++) {
                bridging.elementDiscarded(batch.get(i)); // taken from an owned source the cancel empties anyway
            }
            batch.clear();
        }
    }

    /** A closure seen while the subscription is over, or the owned source closed by the cancellation itself. */
    private boolean closedByCancel() {
        return cancelled || (release != null && ctx.err() != null);
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

    /**
     * Parks until the previous subscription's emitter returned (it was cancelled or terminated, so it returns as soon
     * as the {@code onNext} it may be in returns) or, if {@code cancellable}, until this one is cancelled or its
     * context done.
     */
    private void awaitPredecessor(boolean cancellable) {
        boolean interrupted = false;
        parked = Thread.currentThread();
        while (!predecessor.ended
                && !(cancellable && (cancelled || badRequest != null || ctx.err() != null))) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted(); // it ends once its onNext returns: wait, keep the flag
        }
        parked = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
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
        terminated = true;
        try {
            subscriber.onError(t);
        } catch (Throwable thrown) {
            bridging.errorDropped(thrown); // §2.13: the subscription is over already
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

    /** §2.13: a subscriber method threw: the subscription is cancelled and the error reported. */
    private void cancelAfterThrow(Throwable t) {
        cancelled = true;
        ctx.cancel();
        bridging.errorDropped(t);
    }

    @Override
    public long requested() {
        return demand.get();
    }

    @Override
    public boolean isCancelled() {
        return cancelled && !terminated;
    }

    @Override
    public boolean isTerminated() {
        return terminated;
    }

    @Override
    public ReceiveChannel<?> channel() {
        return source;
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
        return "ChannelSubscription[" + source + "]";
    }
}
