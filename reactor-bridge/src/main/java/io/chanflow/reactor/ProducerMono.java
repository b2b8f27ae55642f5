package io.chanflow.reactor;

import io.chanflow.context.Context;
import io.chanflow.flow.FlowChannels;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * The {@code mono} builder's Mono: the Flow bridge's producer engine, capacity 1, whose body sends the one value the
 * {@link MonoProducer} returns (nothing for {@code null}). Signals come from the engine's emitter goroutine.
 */
final class ProducerMono<T> extends Mono<T> {
    private final Context parent;
    private final MonoProducer<T> body;

    ProducerMono(Context parent, MonoProducer<T> body) {
        this.parent = parent;
        this.body = body;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        reactor.util.context.Context rc = actual.currentContext();
        FlowChannels.<T>produce(ReactorChannels.withReactorContext(parent, rc), 1, new ReactorUndeliverable(rc),
                (ctx, out) -> {
                    T value = body.produce(ctx);
                    if (value != null) {
                        out.send(value); // never blocks: the one slot is free
                    }
                }).subscribe(actual);
    }
}
