package io.chanflow.tck;

import io.chanflow.context.CancelContext;
import io.chanflow.reactor.ReactorChannels;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.testng.annotations.AfterMethod;

/**
 * {@link PublisherVerification} of a {@code Flux} the Reactor bridge returns. The TCK subscribes with plain
 * {@code org.reactivestreams} subscribers, which {@code Flux.subscribe} wraps in Reactor's strict subscriber, so
 * what is verified is the Flux as any non-Reactor code sees it.
 */
abstract class ReactorPublisherTck extends PublisherVerification<Long> {
    final Cleanup cleanup = new Cleanup();

    ReactorPublisherTck() {
        super(TckEnvironment.create(), TckEnvironment.PUBLISHER_REFERENCE_GC_TIMEOUT_MILLIS);
    }

    @AfterMethod(alwaysRun = true)
    public void releaseTestResources() {
        cleanup.run();
    }

    /** {@code ReactorChannels.flux(ctx, channel)} over a channel of 8 fed with {@code send(ctx, e)}. */
    static Publisher<Long> channelFlux(Cleanup cleanup, long elements) {
        CancelContext ctx = cleanup.context();
        return ReactorChannels.flux(ctx, PublisherKind.fedWithContext(cleanup, ctx, elements));
    }

    /** {@code ReactorChannels.flux(parent, capacity, body)}, the body sends {@code elements} then returns. */
    static Publisher<Long> builtFlux(Cleanup cleanup, int capacity, long elements) {
        return ReactorChannels.flux(cleanup.context(), capacity, PublisherKind.counting(elements));
    }
}
