package io.chanflow.flow;

import io.chanflow.ReceiveChannel;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import java.util.concurrent.Flow;

/**
 * A channel in the middle of a reactive chain: a {@link Flow.Processor} and an
 * {@link org.reactivestreams.Processor} that subscribes upstream into a channel of capacity N (a
 * {@link ChannelSubscriber}) and publishes that channel downstream (a {@link ChannelPublisher}). It is the two
 * halves joined by one channel and one context, not a third engine:
 * <ul>
 *   <li>Upstream demand is the channel's capacity: N requested up front, replenished as the downstream
 *       subscription takes elements — which it does only as the downstream requests them.</li>
 *   <li>The downstream's {@code cancel()} cancels the processor's context, which cancels the upstream subscription;
 *       the processor's parent context being cancelled does the same and fails the downstream with its cause.</li>
 *   <li>Upstream {@code onComplete}/{@code onError} reach the downstream after the buffered elements.</li>
 *   <li>Unicast, like every channel publisher: one downstream subscriber at a time.</li>
 * </ul>
 *
 * @param <T> the element type
 */
public final class ChannelProcessor<T> implements Flow.Processor<T, T>, org.reactivestreams.Processor<T, T> {
    private final ChannelSubscriber<T> in;
    private final ChannelPublisher<T> out;

    ChannelProcessor(Context parent, int capacity) {
        CancelContext ctx = Context.withCancel(parent);
        this.in = new ChannelSubscriber<>(ctx, capacity);
        this.out = ChannelPublisher.ofOwnedChannel(in.channel(), ctx); // released when the downstream ends
    }

    /** The channel between the two sides. */
    public ReceiveChannel<T> channel() {
        return in.channel();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        out.subscribe(subscriber);
    }

    @Override
    public void subscribe(org.reactivestreams.Subscriber<? super T> subscriber) {
        out.subscribe(subscriber);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        in.onSubscribe(subscription);
    }

    @Override
    public void onSubscribe(org.reactivestreams.Subscription subscription) {
        in.onSubscribe(subscription);
    }

    @Override
    public void onNext(T item) {
        in.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
        in.onError(throwable);
    }

    @Override
    public void onComplete() {
        in.onComplete();
    }

    @Override
    public String toString() {
        return "ChannelProcessor[" + in.channel() + "]";
    }
}
