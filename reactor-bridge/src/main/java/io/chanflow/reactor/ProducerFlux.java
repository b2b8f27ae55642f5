package io.chanflow.reactor;

import io.chanflow.context.Context;
import io.chanflow.flow.FlowChannels;
import io.chanflow.flow.Producer;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;

/**
 * The {@code flux} builder's Flux: each subscriber gets its own run of the body, through the Flow bridge's producer
 * engine, with a context that carries the subscriber's Reactor context and a {@link ReactorBridging} bound to it.
 * The subscriber is subscribed to the engine directly: its signals come from the engine's emitter goroutine.
 *
 * <p>{@link Scannable}: a source whose {@code PREFETCH} is the capacity of each subscriber's channel and whose
 * {@code RUN_STYLE} is {@code ASYNC}; each subscription reports its own channel's {@code BUFFERED}.
 */
final class ProducerFlux<T> extends Flux<T> implements Scannable {
    private final Context parent;
    private final int capacity;
    private final Producer<T> body;

    private ProducerFlux(Context parent, int capacity, Producer<T> body) {
        this.parent = parent;
        this.capacity = capacity;
        this.body = body;
    }

    /** The builder's Flux, through {@code Flux.onAssembly} so that assembly hooks see it. */
    static <T> Flux<T> of(Context parent, int capacity, Producer<T> body) {
        return onAssembly(new ProducerFlux<>(parent, capacity, body));
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        reactor.util.context.Context rc = actual.currentContext();
        FlowChannels.produce(ReactorChannels.withReactorContext(parent, rc), capacity, body)
                .subscribe(actual, new ReactorBridging(rc, this));
    }

    @Override
    public Object scanUnsafe(Attr key) {
        if (key == Attr.PREFETCH) {
            return capacity;
        }
        if (key == Attr.RUN_STYLE) {
            return Attr.RunStyle.ASYNC;
        }
        return null;
    }

    @Override
    public String stepName() {
        return toString();
    }

    @Override
    public String toString() {
        return "ProducerFlux[cap " + capacity + ", " + body + "]";
    }
}
