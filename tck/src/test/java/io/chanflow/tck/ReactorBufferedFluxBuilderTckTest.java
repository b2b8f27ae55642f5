package io.chanflow.tck;

import org.reactivestreams.Publisher;

/** {@code ReactorChannels.flux(parent, 16, body)}. Error state: {@code parent} cancelled before subscribing. */
public class ReactorBufferedFluxBuilderTckTest extends ReactorPublisherTck {
    @Override
    public Publisher<Long> createPublisher(long elements) {
        return builtFlux(cleanup, 16, elements);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return io.chanflow.reactor.ReactorChannels.<Long>flux(cleanup.cancelledContext(), 16, PublisherKind.endless());
    }
}
