package io.chanflow.reactor;

import io.chanflow.flow.ChannelPublisher;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;

/**
 * A channel's Flux: the Flow bridge's unicast {@link ChannelPublisher}, which the subscriber is subscribed to
 * directly — no operator in between, so signals come from the engine's emitter goroutine. Each subscription's hooks
 * are looked up in its subscriber's Reactor context (a {@code doOnDiscard} downstream sees the element in flight
 * that a cancel discards).
 *
 * <p>{@link Scannable}: a source ({@code PARENT} absent) whose {@code BUFFERED} is the channel's {@code len},
 * {@code PREFETCH} its {@code cap} and {@code RUN_STYLE} {@code ASYNC}; {@link #toString} names the channel.
 */
final class ChannelFlux<T> extends Flux<T> implements Scannable {
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
        publisher.subscribe(actual, new ReactorBridging(actual.currentContext(), this));
    }

    @Override
    public Object scanUnsafe(Attr key) {
        if (key == Attr.BUFFERED) {
            return publisher.channel().len();
        }
        if (key == Attr.PREFETCH) {
            return publisher.capacity();
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
        return "ChannelFlux[" + publisher.channel() + "]";
    }
}
