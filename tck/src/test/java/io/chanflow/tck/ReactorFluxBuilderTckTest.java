package io.chanflow.tck;

import org.reactivestreams.Publisher;

/** {@code ReactorChannels.flux(parent, 0, body)}. Error state: {@code parent} cancelled before subscribing. */
public class ReactorFluxBuilderTckTest extends ReactorPublisherTck {
    @Override
    public Publisher<Long> createPublisher(long elements) {
        return builtFlux(cleanup, 0, elements);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return io.chanflow.reactor.ReactorChannels.<Long>flux(cleanup.cancelledContext(), 0, PublisherKind.endless());
    }
}
