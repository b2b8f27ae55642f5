package io.chanflow.rxjava3;

import io.chanflow.flow.Await;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableSubscriber;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.NoSuchElementException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * RxJava's terms for the await engine: {@link NoSuchElementException} for an empty source and
 * {@link IllegalArgumentException} for a second element of a single (as RxJava's {@code singleOrError} and
 * {@code blockingSingle} do), an unchecked error as it is and a checked one in a
 * {@link java.util.concurrent.CompletionException}, lost errors to {@link RxJavaPlugins#onError}, and a
 * {@link FlowableSubscriber} for a {@link Flowable}, which then signals it without its {@code StrictSubscriber}.
 */
final class RxDialect implements Await.Dialect {
    static final RxDialect INSTANCE = new RxDialect();

    private RxDialect() {
    }

    @Override
    public RuntimeException empty() {
        return new NoSuchElementException("the publisher completed without an element");
    }

    @Override
    public RuntimeException moreThanOne() {
        return new IllegalArgumentException("the publisher signalled more than one element");
    }

    @Override
    public RuntimeException failed(Throwable error) {
        return Await.uncheckedOrWrapped(error);
    }

    @Override
    public void errorDropped(Throwable error) {
        RxUndeliverable.INSTANCE.errorDropped(error);
    }

    @Override
    public void elementDiscarded(Object element) {
        RxUndeliverable.INSTANCE.elementDiscarded(element);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> void subscribe(Publisher<? extends T> publisher, Subscriber<T> subscriber) {
        if (!(publisher instanceof Flowable<?> flowable)) {
            publisher.subscribe(subscriber);
            return;
        }
        // The await's subscriber finishes its set-up before it requests and never requests n <= 0: the two rules a
        // FlowableSubscriber gives up (see FlowableChannelSubscriber).
        ((Flowable<T>) flowable).subscribe(new FlowableSubscriber<T>() {
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
        });
    }
}
