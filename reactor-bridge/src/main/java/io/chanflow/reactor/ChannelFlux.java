package io.chanflow.reactor;

import io.chanflow.flow.ChannelPublisher;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

/**
 * A channel's Flux: the Flow bridge's unicast {@link ChannelPublisher}, which the subscriber is subscribed to
 * directly — no operator in between, so signals come from the engine's emitter goroutine.
 */
final class ChannelFlux<T> extends Flux<T> {
    private final ChannelPublisher<T> publisher;

    ChannelFlux(ChannelPublisher<T> publisher) {
        this.publisher = publisher;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        publisher.subscribe(actual);
    }
}
