package io.chanflow.rxjava3;

import io.chanflow.flow.ChannelSubscriber;
import io.reactivex.rxjava3.core.FlowableSubscriber;
import org.reactivestreams.Subscription;

/**
 * A {@link ChannelSubscriber} seen by RxJava as a {@link FlowableSubscriber}, which {@link RxChannels#toChannel}
 * subscribes. {@code Flowable.subscribe} wraps any other {@link org.reactivestreams.Subscriber} in a
 * {@code StrictSubscriber} that serializes every signal with two atomic operations per element (it enforces §1.3
 * and §3.9 for subscribers that might rely on them); a {@code FlowableSubscriber} is signalled directly.
 *
 * <p>The two rules this gives up are ones {@code ChannelSubscriber} never needed: its {@code onSubscribe} finishes
 * setting itself up before its first {@code request} (what {@link FlowableSubscriber#onSubscribe} asks), and it
 * never requests {@code n <= 0}, so the relaxed §3.9 (such a request reported to {@code RxJavaPlugins} rather than
 * to {@code onError}) never arises.
 */
final class FlowableChannelSubscriber<T> implements FlowableSubscriber<T> {
    private final ChannelSubscriber<T> subscriber;

    FlowableChannelSubscriber(ChannelSubscriber<T> subscriber) {
        this.subscriber = subscriber;
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscriber.onSubscribe(s);
    }

    @Override
    public void onNext(T t) {
        subscriber.onNext(t);
    }

    @Override
    public void onError(Throwable t) {
        subscriber.onError(t);
    }

    @Override
    public void onComplete() {
        subscriber.onComplete();
    }
}
