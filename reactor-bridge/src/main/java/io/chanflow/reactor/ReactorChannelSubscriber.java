package io.chanflow.reactor;

import io.chanflow.ReceiveChannel;
import io.chanflow.context.Context;
import io.chanflow.flow.ChannelSubscriber;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * A Reactor {@link CoreSubscriber} that puts what it receives into a channel: the subscriber behind
 * {@link ReactorChannels#toChannel} and the awaits. It is the Flow bridge's {@link ChannelSubscriber} (same
 * contract: backpressure is the channel's capacity, cancellation is {@code ctx.done()}), plus two Reactor things:
 * <ul>
 *   <li>{@link #currentContext()} is the Reactor context made from {@code ctx} by
 *       {@link ReactorChannels#reactorContext(Context, Context.Key[])}, so upstream operators
 *       ({@code deferContextual}, {@code Flux.contextWrite} readers, a {@code flux} builder's body) see the Chanflow
 *       code's values;</li>
 *   <li>an {@code onError} arriving after the cancel goes to {@code Operators.onErrorDropped}, and an element
 *       signalled after the cancel to {@code Operators.onDiscard}, both with that Reactor context.</li>
 * </ul>
 *
 * @param <T> the element type
 */
public final class ReactorChannelSubscriber<T> implements CoreSubscriber<T> {
    private final reactor.util.context.Context reactorContext;
    private final ChannelSubscriber<T> subscriber;

    /**
     * A subscriber into a channel of {@code capacity} elements (it requests {@code max(capacity, 1)} up front),
     * cancelled when {@code ctx} is done, whose Reactor context carries {@code ctx}'s values for {@code keys}.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public ReactorChannelSubscriber(Context ctx, int capacity, Context.Key<?>... keys) {
        this.reactorContext = ReactorChannels.reactorContext(ctx, keys);
        this.subscriber = new ChannelSubscriber<>(ctx, capacity, new ReactorBridging(reactorContext));
    }

    /** The channel the received elements go to; see {@link ChannelSubscriber#channel()}. */
    public ReceiveChannel<T> channel() {
        return subscriber.channel();
    }

    /** The Reactor context made from the Chanflow context at creation; never changes. */
    @Override
    public reactor.util.context.Context currentContext() {
        return reactorContext;
    }

    /** Requests the channel's capacity; a second subscription is cancelled (§2.5). */
    @Override
    public void onSubscribe(Subscription s) {
        subscriber.onSubscribe(s);
    }

    /** Buffers {@code t} in the channel (never blocks: there is room for everything requested). */
    @Override
    public void onNext(T t) {
        subscriber.onNext(t);
    }

    /** Closes the channel with {@code t}: consumers receive the buffered elements, then see {@code t}. */
    @Override
    public void onError(Throwable t) {
        subscriber.onError(t);
    }

    /** Closes the channel: consumers receive the buffered elements, then see the closure. */
    @Override
    public void onComplete() {
        subscriber.onComplete();
    }

    @Override
    public String toString() {
        return "Reactor" + subscriber;
    }
}
