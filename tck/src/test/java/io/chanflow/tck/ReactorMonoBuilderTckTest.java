package io.chanflow.tck;

import io.chanflow.reactor.ReactorChannels;
import org.reactivestreams.Publisher;

/**
 * {@code ReactorChannels.mono(parent, body)}: at most one element. Error state: {@code parent} cancelled before
 * subscribing, so the body throws its error.
 */
public class ReactorMonoBuilderTckTest extends ReactorPublisherTck {
    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactorChannels.mono(cleanup.context(), ValuePublisherTckTest.body(elements)::produce);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return ReactorChannels.mono(cleanup.cancelledContext(), ValuePublisherTckTest.body(1)::produce);
    }
}
