package io.chanflow.tck;

import io.chanflow.context.CancelContext;
import io.chanflow.rxjava3.RxChannels;
import io.reactivex.rxjava3.core.Flowable;

/**
 * The {@link Flowable}s the RxJava bridge makes, as the TCK wants them: one of {@code elements} elements, and one
 * in error state. The same four kinds as {@link PublisherKind}, through {@code RxChannels} instead of
 * {@code FlowChannels}, so what is verified is the Flowable wrapper and the engine underneath together.
 */
enum RxPublisherKind {
    /** {@link RxChannels#flowable(io.chanflow.ReceiveChannel)} over an unbuffered channel a goroutine feeds. */
    CHANNEL {
        @Override
        Flowable<Long> create(Cleanup cleanup, long elements) {
            return RxChannels.flowable(PublisherKind.fedUnbuffered(cleanup, elements));
        }

        @Override
        Flowable<Long> createFailed(Cleanup cleanup) {
            return RxChannels.flowable(PublisherKind.failedChannel(cleanup));
        }
    },

    /** {@link RxChannels#flowable(CancelContext, io.chanflow.ReceiveChannel)} over a channel of 8. */
    CHANNEL_WITH_CONTEXT {
        @Override
        Flowable<Long> create(Cleanup cleanup, long elements) {
            CancelContext ctx = cleanup.context();
            return RxChannels.flowable(ctx, PublisherKind.fedWithContext(cleanup, ctx, elements));
        }

        @Override
        Flowable<Long> createFailed(Cleanup cleanup) {
            return RxChannels.flowable(cleanup.cancelledContext(), cleanup.<Long>channel(8));
        }
    },

    /** {@link RxChannels#flowable(io.chanflow.context.Context, int, io.chanflow.flow.Producer)}, capacity 0. */
    PRODUCER_UNBUFFERED {
        @Override
        Flowable<Long> create(Cleanup cleanup, long elements) {
            return producer(cleanup, 0, elements);
        }

        @Override
        Flowable<Long> createFailed(Cleanup cleanup) {
            return failedProducer(cleanup, 0);
        }
    },

    /** The {@code flowable} builder with capacity 16. */
    PRODUCER_BUFFERED {
        @Override
        Flowable<Long> create(Cleanup cleanup, long elements) {
            return producer(cleanup, 16, elements);
        }

        @Override
        Flowable<Long> createFailed(Cleanup cleanup) {
            return failedProducer(cleanup, 16);
        }
    };

    /** A Flowable of {@code elements} elements, then {@code onComplete}. */
    abstract Flowable<Long> create(Cleanup cleanup, long elements);

    /** A Flowable that signals {@code onSubscribe} then {@code onError} to whoever subscribes. */
    abstract Flowable<Long> createFailed(Cleanup cleanup);

    private static Flowable<Long> producer(Cleanup cleanup, int capacity, long elements) {
        return RxChannels.flowable(cleanup.context(), capacity, PublisherKind.counting(elements));
    }

    private static Flowable<Long> failedProducer(Cleanup cleanup, int capacity) {
        // The parent is cancelled before anyone subscribes: the subscription ends with onError at once.
        return RxChannels.flowable(cleanup.cancelledContext(), capacity, PublisherKind.endless());
    }
}
