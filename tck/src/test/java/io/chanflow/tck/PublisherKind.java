package io.chanflow.tck;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.context.CancelContext;
import io.chanflow.flow.ChannelPublisher;
import io.chanflow.flow.FlowChannels;
import io.chanflow.flow.Producer;

/**
 * The publishers the bridge makes, as the TCK wants them: one of {@code elements} elements, and one in error state.
 * Every {@link ChannelPublisher} is both a {@code Flow.Publisher} and an {@code org.reactivestreams.Publisher}, so
 * each kind is verified twice, once per API.
 */
enum PublisherKind {
    /**
     * {@link FlowChannels#publish(io.chanflow.ReceiveChannel)} (a private context) over an unbuffered channel a
     * goroutine feeds with plain {@code send}, then closes. In error state: the channel was closed with a cause
     * before anyone subscribed.
     */
    CHANNEL {
        @Override
        ChannelPublisher<Long> create(Cleanup cleanup, long elements) {
            return FlowChannels.publish(fedUnbuffered(cleanup, elements));
        }

        @Override
        ChannelPublisher<Long> createFailed(Cleanup cleanup) {
            return FlowChannels.publish(failedChannel(cleanup));
        }
    },

    /**
     * {@link FlowChannels#publish(CancelContext, io.chanflow.ReceiveChannel)} over a channel of 8 a goroutine feeds
     * with {@code send(ctx, e)}: the subscriber's cancel cancels that context, which stops the feeder. In error
     * state: the context was cancelled before anyone subscribed.
     */
    CHANNEL_WITH_CONTEXT {
        @Override
        ChannelPublisher<Long> create(Cleanup cleanup, long elements) {
            CancelContext ctx = cleanup.context();
            return FlowChannels.publish(ctx, fedWithContext(cleanup, ctx, elements));
        }

        @Override
        ChannelPublisher<Long> createFailed(Cleanup cleanup) {
            return FlowChannels.publish(cleanup.cancelledContext(), cleanup.<Long>channel(8));
        }
    },

    /**
     * {@link FlowChannels#produce(io.chanflow.context.Context, int, io.chanflow.flow.Producer)} with capacity 0:
     * each send waits for demand. In error state: the parent context is cancelled before anyone subscribes.
     */
    PRODUCER_UNBUFFERED {
        @Override
        ChannelPublisher<Long> create(Cleanup cleanup, long elements) {
            return producer(cleanup, 0, elements);
        }

        @Override
        ChannelPublisher<Long> createFailed(Cleanup cleanup) {
            return failedProducer(cleanup, 0);
        }
    },

    /** The producer builder with capacity 16: up to 16 elements are produced ahead of demand. */
    PRODUCER_BUFFERED {
        @Override
        ChannelPublisher<Long> create(Cleanup cleanup, long elements) {
            return producer(cleanup, 16, elements);
        }

        @Override
        ChannelPublisher<Long> createFailed(Cleanup cleanup) {
            return failedProducer(cleanup, 16);
        }
    };

    /** A publisher of {@code elements} elements, then {@code onComplete} (practically endless for huge counts). */
    abstract ChannelPublisher<Long> create(Cleanup cleanup, long elements);

    /** A publisher that signals {@code onSubscribe} then {@code onError} to whoever subscribes. */
    abstract ChannelPublisher<Long> createFailed(Cleanup cleanup);

    private static ChannelPublisher<Long> producer(Cleanup cleanup, int capacity, long elements) {
        return FlowChannels.produce(cleanup.context(), capacity, counting(elements));
    }

    private static ChannelPublisher<Long> failedProducer(Cleanup cleanup, int capacity) {
        return FlowChannels.produce(cleanup.cancelledContext(), capacity, endless());
    }

    // ------------------------------------------------------------ sources, shared with the bridges' kinds

    /**
     * An unbuffered channel a goroutine feeds with {@code elements} plain sends, then closes. Unbuffered, so the
     * cleanup's close leaves nothing buffered and ends a subscription still waiting for demand (onComplete): a
     * publisher with a private context can be stopped no other way from outside.
     */
    static Channel<Long> fedUnbuffered(Cleanup cleanup, long elements) {
        Channel<Long> ch = cleanup.channel(0);
        Go.go("tck-feeder", () -> {
            try {
                for (long i = 0; i < elements; i++) {
                    ch.send(i);
                }
                ch.close();
            } catch (IllegalStateException stopped) {
                // The test is over: the cleanup closed the channel under the feeder (a ChannelClosedException
                // from send, or "close of closed channel" from our own close).
            }
        });
        return ch;
    }

    /** A channel closed with a cause before anyone subscribes. */
    static Channel<Long> failedChannel(Cleanup cleanup) {
        Channel<Long> ch = cleanup.channel(0);
        ch.close(new RuntimeException("TCK: a channel closed with a cause"));
        return ch;
    }

    /** A channel of 8 a goroutine feeds with {@code send(ctx, e)}: cancelling {@code ctx} stops the feeder. */
    static Channel<Long> fedWithContext(Cleanup cleanup, CancelContext ctx, long elements) {
        Channel<Long> ch = cleanup.channel(8);
        Go.go("tck-feeder", () -> {
            try {
                for (long i = 0; i < elements; i++) {
                    ch.send(ctx, i);
                }
                ch.close();
            } catch (IllegalStateException stopped) {
                // The subscriber cancelled (a CancellationException), or the test is over: the cleanup cancels,
                // then closes (a ChannelClosedException, or "close of closed channel" from our own close).
            }
        });
        return ch;
    }

    /**
     * A producer body that returns after {@code elements} sends (onComplete); a cancel wakes a blocked send with the
     * context's error, which the body lets propagate.
     */
    static Producer<Long> counting(long elements) {
        return (ctx, out) -> {
            for (long i = 0; i < elements; i++) {
                out.send(i);
            }
        };
    }

    /** A producer body that sends until cancelled: for a parent context cancelled before anyone subscribes. */
    static Producer<Long> endless() {
        return (ctx, out) -> {
            for (long i = 0; ; i++) {
                out.send(i);
            }
        };
    }
}
