package io.chanflow.flow;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.SendChannel;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A publisher of a channel's elements: both a {@link Flow.Publisher} and an {@link org.reactivestreams.Publisher},
 * so it plugs into the JDK's {@code Flow}, Reactor ({@code Flux.from}) and RxJava ({@code Flowable.fromPublisher})
 * without an adapter. Made by {@link FlowChannels#publish} (an existing channel) and {@link FlowChannels#produce}
 * (a blocking body run per subscriber).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Backpressure is channel capacity.</b> The subscription receives from the channel only what the
 *       subscriber requested; while there is no demand nothing is received, so the producer's {@code send}
 *       blocks once the channel's buffer is full (at once, for an unbuffered channel).</li>
 *   <li><b>Cancellation is {@code Context.done()}.</b> The subscriber's {@code cancel()} cancels the publisher's
 *       context, which the producer watches; the context being cancelled from outside ends the subscription with
 *       {@code onError(Context.cause(ctx))} — a {@link java.util.concurrent.CancellationException} unless a cause
 *       was given.</li>
 *   <li>The channel's close signals {@code onComplete} once the buffered elements were delivered; a close with a
 *       cause ({@link SendChannel#close(Throwable)}), or a producer body that throws, signals {@code onError}
 *       with it. A terminal signal needs no demand (§1.4, §1.5): a closed channel with nothing left to deliver
 *       ends the subscription at once, even if the subscriber never requested.</li>
 *   <li>All signals come from one goroutine per subscription (the emitter), never from the thread that calls
 *       {@code request} or {@code cancel}. An element the emitter has received is always delivered, even if a
 *       cancel raced it (§2.8), so nothing sent successfully is lost in the hand-over.</li>
 *   <li>A publisher of an existing channel is <em>unicast</em>: each element goes to one subscriber, and a second
 *       subscriber while one is active gets {@code onSubscribe} then {@code onError(IllegalStateException)}
 *       (§1.9, §2.5). Once a subscription ended, a new subscriber continues with the elements left in the
 *       channel (unless the publisher's context was cancelled). A {@link FlowChannels#produce producer} is cold:
 *       each subscriber runs the body afresh.</li>
 * </ul>
 *
 * @param <T> the element type
 */
public final class ChannelPublisher<T> implements Flow.Publisher<T>, org.reactivestreams.Publisher<T> {

    private final ReceiveChannel<? extends T> channel; // null for a producer
    private final CancelContext channelCtx; // the user's context for a channel publisher, or null
    private final boolean cancelCtxAtEnd; // channelCtx belongs to this publisher: release it when a subscription ends
    private final AtomicBoolean active = new AtomicBoolean();

    private final Context parent; // for a producer
    private final int capacity;
    private final Producer<T> body;
    private final Undeliverable undeliverable;

    private ChannelPublisher(ReceiveChannel<? extends T> channel, CancelContext channelCtx, boolean cancelCtxAtEnd,
                             Context parent, int capacity, Producer<T> body, Undeliverable undeliverable) {
        this.undeliverable = Objects.requireNonNull(undeliverable, "undeliverable");
        this.channel = channel;
        this.channelCtx = channelCtx;
        this.cancelCtxAtEnd = cancelCtxAtEnd;
        this.parent = parent;
        this.capacity = capacity;
        this.body = body;
    }

    /** A publisher of {@code channel}; {@code ctx} is the user's (never cancelled but by a subscriber's cancel). */
    static <T> ChannelPublisher<T> ofChannel(ReceiveChannel<? extends T> channel, CancelContext ctx,
                                             Undeliverable undeliverable) {
        return new ChannelPublisher<>(Objects.requireNonNull(channel, "channel"), ctx, false, null, 0, null,
                undeliverable);
    }

    /**
     * A publisher of {@code channel} that owns {@code ctx}: it is cancelled when a subscription ends however it ends
     * (the processor's: once its channel delivered its terminal signal, nothing is left to publish).
     */
    static <T> ChannelPublisher<T> ofOwnedChannel(ReceiveChannel<? extends T> channel, CancelContext ctx) {
        return new ChannelPublisher<>(Objects.requireNonNull(channel, "channel"), ctx, true, null, 0, null,
                Undeliverable.DEFAULT);
    }

    static <T> ChannelPublisher<T> ofProducer(Context parent, int capacity, Producer<T> body,
                                              Undeliverable undeliverable) {
        Objects.requireNonNull(parent, "parent context");
        Objects.requireNonNull(body, "producer body");
        if (capacity < 0) {
            throw new IllegalArgumentException("negative capacity " + capacity);
        }
        return new ChannelPublisher<>(null, null, false, parent, capacity, body, undeliverable);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        ReactiveRules.requireNonNull(subscriber, "subscriber"); // §1.9
        if (channel != null) {
            subscribeToChannel(subscriber);
        } else {
            subscribeToProducer(subscriber);
        }
    }

    @Override
    public void subscribe(org.reactivestreams.Subscriber<? super T> subscriber) {
        subscribe(new RsSubscriber<>(ReactiveRules.requireNonNull(subscriber, "subscriber"))); // §1.9
    }

    private void subscribeToChannel(Flow.Subscriber<? super T> subscriber) {
        if (!active.compareAndSet(false, true)) {
            Go.go("chanflow-reject", () -> reject(subscriber)); // §1.3: signals off the caller's stack, like all others
            return;
        }
        boolean owns = channelCtx == null || cancelCtxAtEnd;
        CancelContext ctx = channelCtx == null ? Context.withCancel(Context.background()) : channelCtx;
        new ChannelSubscription<T>(subscriber, channel, ctx, null, owns, () -> active.set(false), undeliverable).start();
    }

    private void reject(Flow.Subscriber<? super T> subscriber) {
        try {
            subscriber.onSubscribe(ReactiveRules.noOpSubscription()); // §1.9: onSubscribe first
            subscriber.onError(ReactiveRules.unicastViolation(this)); // §2.5
        } catch (Throwable t) {
            undeliverable.errorDropped(t); // §2.13
        }
    }

    private void subscribeToProducer(Flow.Subscriber<? super T> subscriber) {
        CancelContext ctx = Context.withCancel(parent);
        Channel<T> out = Channel.make(capacity);
        // The subscription ending early closes `out` with the context's error: a send blocked in the body wakes
        // with that CancellationException.
        Runnable release = () -> {
            java.util.concurrent.CancellationException err = ctx.err();
            closeQuietly(out, err != null ? err : Context.CANCELED);
            discardBuffered(out); // produced ahead of a demand that will never come
        };
        Go.go("chanflow-producer", () -> {
            try {
                body.produce(ctx, out);
                closeQuietly(out, null); // the body returned: onComplete after the buffered elements
            } catch (Throwable t) {
                // The body threw: onError. If the subscription is over already, nobody can receive it — unless it
                // is the cancellation itself, which the body was right to let propagate.
                // A context already cancelled when the body threw means the subscription is over even if the
                // cancel's closing of `out` has not happened yet: the error would be closed into a channel nobody
                // receives from any more.
                boolean over = ctx.err() != null;
                boolean handedOver = closeQuietly(out, t) && !over;
                if (!handedOver && !(t instanceof java.util.concurrent.CancellationException
                        && ctx.err() != null)) {
                    undeliverable.errorDropped(t);
                }
            }
        });
        new ChannelSubscription<T>(subscriber, out, ctx, release, true, () -> { }, undeliverable).start();
    }

    /** Closes {@code out} unless the body or the cancellation closed it first; {@code true} if this call did. */
    private static boolean closeQuietly(SendChannel<?> out, Throwable cause) {
        try {
            if (cause == null) {
                out.close();
            } else {
                out.close(cause);
            }
            return true;
        } catch (IllegalStateException alreadyClosed) {
            return false; // the body closed its channel itself, or the cancellation did: the first closure stands
        }
    }

    /** Hands the elements left in a cancelled producer's channel to {@link Undeliverable#elementDiscarded}. */
    private void discardBuffered(Channel<T> out) {
        java.util.ArrayList<T> left = new java.util.ArrayList<>();
        while (out.drainTo(left, Integer.MAX_VALUE) > 0) {
            for (T e : left) {
                undeliverable.elementDiscarded(e);
            }
            left.clear();
        }
    }

    @Override
    public String toString() {
        return channel != null ? "ChannelPublisher[" + channel + "]" : "ChannelPublisher[producer, cap " + capacity + "]";
    }

    /** An {@link org.reactivestreams.Subscriber} seen as a {@link Flow.Subscriber}. */
    record RsSubscriber<T>(org.reactivestreams.Subscriber<? super T> s) implements Flow.Subscriber<T> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            // Every subscription the bridges hand out is both kinds.
            s.onSubscribe((org.reactivestreams.Subscription) subscription);
        }

        @Override
        public void onNext(T item) {
            s.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            s.onError(throwable);
        }

        @Override
        public void onComplete() {
            s.onComplete();
        }
    }
}
