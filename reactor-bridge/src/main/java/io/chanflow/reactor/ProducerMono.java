package io.chanflow.reactor;

import io.chanflow.context.Context;
import io.chanflow.flow.FlowChannels;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;

/**
 * The {@code mono} builder's Mono: the Flow bridge's single-value engine ({@link io.chanflow.flow.ValuePublisher}),
 * whose goroutine runs the body and signals its value once requested. The body's context carries the subscriber's
 * Reactor context; what cannot be delivered goes to the hooks of that context.
 *
 * <p>{@link Scannable}: a source whose {@code RUN_STYLE} is {@code ASYNC} (the value comes from the body's goroutine).
 */
final class ProducerMono<T> extends Mono<T> implements Scannable {
    private final Context parent;
    private final MonoProducer<T> body;

    private ProducerMono(Context parent, MonoProducer<T> body) {
        this.parent = parent;
        this.body = body;
    }

    /** The builder's Mono, through {@code Mono.onAssembly} so that assembly hooks see it. */
    static <T> Mono<T> of(Context parent, MonoProducer<T> body) {
        return onAssembly(new ProducerMono<>(parent, body));
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        reactor.util.context.Context rc = actual.currentContext();
        FlowChannels.value(ReactorChannels.withReactorContext(parent, rc), body)
                .subscribe(actual, new ReactorBridging(rc, this));
    }

    @Override
    public Object scanUnsafe(Attr key) {
        return key == Attr.RUN_STYLE ? Attr.RunStyle.ASYNC : null;
    }

    @Override
    public String stepName() {
        return toString();
    }

    @Override
    public String toString() {
        return "ProducerMono[" + body + "]";
    }
}
