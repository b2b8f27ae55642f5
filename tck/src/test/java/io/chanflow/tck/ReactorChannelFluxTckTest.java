package io.chanflow.tck;

import org.reactivestreams.Publisher;

/** {@code ReactorChannels.flux(ctx, channel)}. Error state: {@code ctx} cancelled before subscribing. */
public class ReactorChannelFluxTckTest extends ReactorPublisherTck {
    @Override
    public Publisher<Long> createPublisher(long elements) {
        return channelFlux(cleanup, elements);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return io.chanflow.reactor.ReactorChannels.flux(cleanup.cancelledContext(), cleanup.<Long>channel(8));
    }
}
