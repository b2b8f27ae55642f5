package io.chanflow.flow;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.SendChannel;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import java.util.Objects;
import java.util.concurrent.Flow;

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
 *       {@code request} or {@code cancel}.</li>
 *   <li><b>What a cancel leaves in the channel.</b> A publisher of an existing channel receives one element at a
 *       time and none after it saw the cancel: every element not yet signalled stays in the channel, for its other
 *       receivers and the next subscriber. At most one element is lost to the channel: the one in flight, received
 *       while the cancel arrived from another thread; it is not signalled but given to the discard hook
 *       ({@link Undeliverable#elementDiscarded}: Reactor's {@code Operators.onDiscard}; RxJava has none). A cancel
 *       from inside {@code onNext} (a {@code take(n)}, a {@code takeUntil}, a failing {@code map}) has no element
 *       in flight, so it loses none. What an operator downstream had already requested and been sent (a
 *       {@code publishOn}'s or {@code flatMap}'s prefetch) is that operator's to deliver or discard.</li>
 *   <li>A producer's channel belongs to its subscription: a cancel closes it, and the elements produced ahead of
 *       demand, in flight or buffered, go to the discard hook.</li>
 *   <li><b>Resubscription.</b> A publisher of an existing channel is <em>unicast</em>: each element goes to one
 *       subscriber, and a second subscriber while the first is active (neither cancelled nor terminated) gets
 *       {@code onSubscribe} then {@code onError(IllegalStateException)} (§1.9, §2.5). A subscriber that arrives once
 *       the previous subscription was cancelled or terminated is served, even from inside the previous one's
 *       {@code onNext} (a {@code retry}, a {@code repeat}, a loop of {@code take(1).blockFirst()}): its
 *       {@code onSubscribe} comes at once, and its first element once the previous emitter has returned, so the two
 *       never receive at the same time and it continues exactly where the previous one stopped. (With a context
 *       given to {@link FlowChannels#publish(CancelContext, ReceiveChannel) publish}, the first cancel cancelled
 *       that context, so the next subscriber gets {@code onError} with its cause.) A
 *       {@link FlowChannels#produce producer} is cold: each subscriber runs the body afresh.</li>
 * </ul>
 *
 * @param <T> the element type
 */
public final class ChannelPublisher<T> implements Flow.Publisher<T>, org.reactivestreams.Publisher<T> {

    private final ReceiveChannel<? extends T> channel; // null for a producer
    private final CancelContext channelCtx; // the user's context for a channel publisher, or null
    private final boolean cancelCtxAtEnd; // channelCtx belongs to this publisher: release it when a subscription ends
    /** Guards {@link #current}: subscribing to a channel decides between serving, queuing and rejecting. */
    private final Object lock = new Object();
    /** The latest subscription to the channel, until its emitter ended; guarded by {@link #lock}. */
    private ChannelSubscription<T> current;

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
        subscribe(subscriber, Bridging.of(undeliverable));
    }

    @Override
    public void subscribe(org.reactivestreams.Subscriber<? super T> subscriber) {
        subscribe(subscriber, Bridging.of(undeliverable));
    }

    /**
     * Subscribes {@code subscriber} with a {@link Bridging} of its own, in place of the publisher's
     * {@link Undeliverable}: for bridges whose hooks depend on the subscriber (Reactor's discard hook, looked up in
     * the subscriber's context), or that present the subscription in their own terms.
     */
    public void subscribe(Flow.Subscriber<? super T> subscriber, Bridging bridging) {
        ReactiveRules.requireNonNull(subscriber, "subscriber"); // §1.9
        Objects.requireNonNull(bridging, "bridging");
        if (channel != null) {
            subscribeToChannel(subscriber, bridging);
        } else {
            subscribeToProducer(subscriber, bridging);
        }
    }

    /** {@link #subscribe(Flow.Subscriber, Bridging)} for an {@link org.reactivestreams.Subscriber}. */
    public void subscribe(org.reactivestreams.Subscriber<? super T> subscriber, Bridging bridging) {
        subscribe(new RsSubscriber<>(ReactiveRules.requireNonNull(subscriber, "subscriber")), bridging); // §1.9
    }

    private void subscribeToChannel(Flow.Subscriber<? super T> subscriber, Bridging bridging) {
        boolean owns = channelCtx == null || cancelCtxAtEnd;
        ChannelSubscription<T> s;
        synchronized (lock) {
            ChannelSubscription<T> previous = current;
            if (previous != null && previous.isActive()) {
                s = null; // §1.9, §2.5: a truly concurrent second subscriber
            } else {
                // The previous subscription was cancelled or terminated but its emitter may still be in its last
                // onNext: the new one starts once it has returned (see ChannelSubscription's overview).
                CancelContext ctx = channelCtx == null ? Context.withCancel(Context.background()) : channelCtx;
                s = new ChannelSubscription<>(this, subscriber, channel, ctx, null, owns, bridging, previous);
                if (previous != null) {
                    previous.successor = s;
                }
                current = s;
            }
        }
        if (s == null) {
            Go.go("chanflow-reject", bridging.around(() -> reject(subscriber, bridging))); // §1.3: off the caller
            return;
        }
        s.start();
    }

    /** A subscription's emitter returned: it no longer holds the channel. */
    void ended(ChannelSubscription<T> s) {
        synchronized (lock) {
            if (current == s) {
                current = null; // nothing to wait for, and the ended subscription (and its subscriber) can go
            }
        }
    }

    private void reject(Flow.Subscriber<? super T> subscriber, Undeliverable bridging) {
        try {
            subscriber.onSubscribe(ReactiveRules.noOpSubscription()); // §1.9: onSubscribe first
            subscriber.onError(ReactiveRules.unicastViolation(this)); // §2.5
        } catch (Throwable t) {
            bridging.errorDropped(t); // §2.13
        }
    }

    private void subscribeToProducer(Flow.Subscriber<? super T> subscriber, Bridging bridging) {
        CancelContext ctx = Context.withCancel(parent);
        Channel<T> out = Channel.make(capacity);
        // The subscription ending early closes `out` with the context's error: a send blocked in the body wakes
        // with that CancellationException.
        Runnable release = () -> {
            java.util.concurrent.CancellationException err = ctx.err();
            closeQuietly(out, err != null ? err : Context.CANCELED);
            discardBuffered(out, bridging); // produced ahead of a demand that will never come
        };
        Go.go("chanflow-producer", bridging.around(() -> {
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
                    bridging.errorDropped(t);
                }
            }
        }));
        new ChannelSubscription<T>(this, subscriber, out, ctx, release, true, bridging, null).start();
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
    private static <T> void discardBuffered(Channel<T> out, Undeliverable bridging) {
        java.util.ArrayList<T> left = new java.util.ArrayList<>();
        while (out.drainTo(left, Integer.MAX_VALUE) > 0) {
            for (T e : left) {
                bridging.elementDiscarded(e);
            }
            left.clear();
        }
    }

    /** The channel published, or {@code null} for a producer (whose channel is made per subscriber). */
    public ReceiveChannel<? extends T> channel() {
        return channel;
    }

    /** The capacity of a producer's channel; for a channel publisher, its channel's {@code cap()}. */
    public int capacity() {
        return channel != null ? channel.cap() : capacity;
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
