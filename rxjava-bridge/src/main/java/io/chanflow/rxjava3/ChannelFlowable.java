package io.chanflow.rxjava3;

import io.chanflow.flow.ChannelPublisher;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import org.reactivestreams.Subscriber;

/**
 * A {@link Flowable} over one of the engine's {@link ChannelPublisher}s. Subscribing hands the subscriber straight
 * to the engine, so every signal comes from the subscription's emitter goroutine: no scheduler, no queue, no
 * extra thread hop in between.
 */
final class ChannelFlowable<T> extends Flowable<T> {
    private final ChannelPublisher<T> source;

    private ChannelFlowable(ChannelPublisher<T> source) {
        this.source = source;
    }

    /** The Flowable of {@code source}, through {@link RxJavaPlugins#onAssembly} so that assembly hooks see it. */
    static <T> Flowable<T> of(ChannelPublisher<T> source) {
        return RxJavaPlugins.onAssembly(new ChannelFlowable<>(source));
    }

    @Override
    protected void subscribeActual(Subscriber<? super T> subscriber) {
        source.subscribe(subscriber);
    }

    @Override
    public String toString() {
        return "ChannelFlowable[" + source + "]";
    }
}
