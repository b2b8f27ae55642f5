package io.chanflow.reactor;

import io.chanflow.flow.Await;
import java.util.NoSuchElementException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Reactor's terms for the await engine: the exceptions of Reactor's {@code single()} and {@code block*()}
 * ({@code "Source was empty"}, {@code "Source emitted more than one item"}), errors through
 * {@link Exceptions#propagate} (a checked exception wrapped in Reactor's {@code ReactiveException}), the hooks of the
 * given Reactor context, and a {@link CoreSubscriber} whose {@code currentContext()} is that context, so upstream
 * operators ({@code deferContextual}, a builder's body) see it.
 */
record ReactorDialect(Context reactorContext) implements Await.Dialect {

    @Override
    public RuntimeException empty() {
        return new NoSuchElementException("Source was empty");
    }

    @Override
    public RuntimeException moreThanOne() {
        return new IndexOutOfBoundsException("Source emitted more than one item");
    }

    @Override
    public RuntimeException failed(Throwable error) {
        return Exceptions.propagate(error);
    }

    @Override
    public void errorDropped(Throwable error) {
        Operators.onErrorDropped(error, reactorContext);
    }

    @Override
    public void elementDiscarded(Object element) {
        Operators.onDiscard(element, reactorContext);
    }

    @Override
    public <T> void subscribe(Publisher<? extends T> publisher, Subscriber<T> subscriber) {
        publisher.subscribe(new CoreSubscriber<T>() {
            @Override
            public Context currentContext() {
                return reactorContext;
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
        });
    }
}
