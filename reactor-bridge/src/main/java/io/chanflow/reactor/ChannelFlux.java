package io.chanflow.reactor;

import io.chanflow.flow.ChannelPublisher;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

/**
 * A channel's Flux: the Flow bridge's unicast {@link ChannelPublisher}, which the subscriber is subscribed to
 * directly — no operator in between, so signals come from the engine's emitter goroutine. Each subscription's hooks
 * are looked up in its subscriber's Reactor context (a {@code doOnDiscard} downstream sees the element in flight
 * that a cancel discards).
 */
final class ChannelFlux<T> extends Flux<T> {
    private final ChannelPublisher<T> publisher;

    private ChannelFlux(ChannelPublisher<T> publisher) {
        this.publisher = publisher;
    }

    /** The Flux of {@code publisher}, through {@code Flux.onAssembly} so that assembly hooks see it. */
    static <T> Flux<T> of(ChannelPublisher<T> publisher) {
        return onAssembly(new ChannelFlux<>(publisher));
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        publisher.subscribe(actual, new ReactorBridging(actual.currentContext()));
    }

    @Override
    public String toString() {
        return "ChannelFlux[" + publisher.channel() + "]";
    }
}
