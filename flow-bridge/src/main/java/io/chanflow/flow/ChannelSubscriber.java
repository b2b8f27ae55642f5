package io.chanflow.flow;

import io.chanflow.feed.ChannelFeed;
import io.chanflow.ReceiveChannel;
import io.chanflow.context.AfterFunc;
import io.chanflow.context.Context;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A subscriber that puts what it receives into a channel: both a {@link Flow.Subscriber} and an
 * {@link org.reactivestreams.Subscriber}. Subscribe it to any publisher and receive from {@link #channel()} with
 * plain blocking code, {@code for} loops or {@code select}. {@link FlowChannels#subscribe} does both in one call.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Backpressure is channel capacity.</b> With capacity N it requests N up front (1 for an unbuffered
 *       channel), and never has more than that outstanding: elements requested and not yet received by a consumer.
 *       It requests again as consumers receive, in batches of {@code N - N/4} (replenishing at 75 %, like Reactor's
 *       prefetching operators), so a steady consumer keeps the pipe full with one {@code request} per batch.</li>
 *   <li>{@code onNext} never blocks the publisher's thread: there is always room for what was requested. A
 *       publisher that sends more than it was asked for (§1.1) is cancelled, and the channel fails with an
 *       {@link IllegalStateException} after the elements already buffered.</li>
 *   <li>{@code onComplete} closes the channel: consumers receive the buffered elements, then see the closure.
 *       {@code onError} closes it with the error: after the buffered elements, {@code receive()} throws it (see
 *       {@link io.chanflow.SendChannel#close(Throwable)}).</li>
 *   <li><b>Cancellation is {@code Context.done()}.</b> When the context given at creation is cancelled, the
 *       subscription is cancelled and the channel fails with {@code Context.cause(ctx)} after the buffered elements.
 *       The channel is failed first, so an {@code onError} the publisher sends in reply to the cancel is reported as
 *       undeliverable instead of replacing that cause.
 *       Closing a {@link io.chanflow.ChannelIterator} (or a stream) over the channel before it was drained also
 *       cancels the subscription, and closes the channel.</li>
 *   <li>One subscription only: a second {@code onSubscribe} is cancelled (§2.5). Calls on the subscription are
 *       serialized (§2.7) however many consumers receive concurrently.</li>
 * </ul>
 *
 * @param <T> the element type
 */
public final class ChannelSubscriber<T> implements Flow.Subscriber<T>, org.reactivestreams.Subscriber<T> {
    private final Context ctx;
    private final ChannelFeed<T> feed;
    private final int prefetch;
    private final int limit;
    private final Undeliverable undeliverable;
    /** Set once the channel was closed by this subscriber: later signals can no longer be delivered. */
    private volatile boolean closed;

    private final AtomicReference<Flow.Subscription> upstream = new AtomicReference<>();
    private volatile AfterFunc onDone;

    // §2.7: request/cancel go through one drain loop, so they are serial whichever thread asks.
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong pendingRequest = new AtomicLong();
    private volatile boolean cancelRequested;
    private boolean upstreamCancelled; // drain loop only

    /**
     * A subscriber into a channel of {@code capacity} elements, cancelled when {@code ctx} is done.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public ChannelSubscriber(Context ctx, int capacity) {
        this(ctx, capacity, Undeliverable.DEFAULT);
    }

    /**
     * A subscriber into a channel of {@code capacity} elements, cancelled when {@code ctx} is done, that reports to
     * {@code undeliverable} an {@code onError} arriving after the cancellation and elements signalled after it
     * (§2.8). For bridges to libraries with their own hooks (Reactor, RxJava).
     */
    public ChannelSubscriber(Context ctx, int capacity, Undeliverable undeliverable) {
        this.undeliverable = Objects.requireNonNull(undeliverable, "undeliverable");
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        if (capacity < 0) {
            throw new IllegalArgumentException("negative capacity " + capacity);
        }
        this.prefetch = Math.max(capacity, 1);
        this.limit = prefetch - (prefetch >> 2);
        // The feed counts receptions under the channel's lock and tells us every `limit` of them: receivers pay no
        // atomic counter per element, and nothing they write per element shares a line with what onNext reads.
        this.feed = new ChannelFeed<>(capacity, limit, new ChannelFeed.Listener() {
            @Override
            public void taken(int n) {
                request(n); // n is a multiple of `limit`: as many again as were received
            }

            @Override
            public void iteratorClosed() {
                closed = true;
                feed.close();
                cancelUpstream();
            }
        });
    }

    /** The channel the received elements go to. */
    public ReceiveChannel<T> channel() {
        return feed.channel();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        ReactiveRules.requireNonNull(subscription, "subscription"); // §2.13
        if (!upstream.compareAndSet(null, subscription)) {
            subscription.cancel(); // §2.5: already subscribed
            return;
        }
        if (ctx.err() != null) {
            closed = true;
            feed.close(Context.cause(ctx));
            cancelUpstream();
            return;
        }
        // Closed before the cancel: an onError the cancel provokes finds the channel closed and is dropped, instead of
        // becoming the channel's failure in place of the context's cause.
        onDone = Context.afterFunc(ctx, () -> {
            closed = true;
            feed.close(Context.cause(ctx));
            cancelUpstream();
        });
        request(prefetch); // §2.1: the whole buffer up front
    }

    @Override
    public void onSubscribe(org.reactivestreams.Subscription subscription) {
        onSubscribe(new RsSubscription(ReactiveRules.requireNonNull(subscription, "subscription"))); // §2.13
    }

    @Override
    public void onNext(T item) {
        ReactiveRules.requireNonNull(item, "onNext element"); // §2.13
        if (closed) {
            undeliverable.elementDiscarded(item); // §2.8: signalled after the cancel
            return;
        }
        if (!feed.offer(item)) {
            closed = true;
            feed.close(new IllegalStateException("§1.1 violated: " + upstream.get()
                    + " signalled onNext beyond the demand of " + prefetch));
            cancelUpstream(); // §1.1 broken: more than requested
        }
    }

    @Override
    public void onError(Throwable error) {
        ReactiveRules.requireNonNull(error, "onError throwable"); // §2.13
        stopWatching();
        if (!feed.close(error)) {
            undeliverable.errorDropped(error); // after a cancel: nobody will receive it
        }
    }

    @Override
    public void onComplete() {
        stopWatching();
        feed.close();
    }

    private void stopWatching() {
        AfterFunc f = onDone;
        if (f != null) {
            f.stop();
        }
    }

    private void request(long n) {
        ReactiveRules.addDemand(pendingRequest, n); // §3.17
        drainUpstream();
    }

    private void cancelUpstream() {
        cancelRequested = true;
        drainUpstream();
    }

    /**
     * Makes the pending {@code request}/{@code cancel} calls, one thread at a time (§2.7). A call made while another
     * thread drains — or reentrantly from inside {@code request}, by a publisher that emits synchronously — is
     * picked up by the draining thread's next pass, so recursion stays bounded (§3.3).
     */
    private void drainUpstream() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        for (;;) {
            Flow.Subscription s = upstream.get();
            if (s != null && !upstreamCancelled) {
                if (cancelRequested) {
                    upstreamCancelled = true;
                    s.cancel();
                } else {
                    long n = pendingRequest.getAndSet(0L);
                    if (n > 0L) {
                        s.request(n);
                    }
                }
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "ChannelSubscriber[" + feed.channel() + "]";
    }

    /** An {@link org.reactivestreams.Subscription} seen as a {@link Flow.Subscription}. */
    private record RsSubscription(org.reactivestreams.Subscription s) implements Flow.Subscription {
        @Override
        public void request(long n) {
            s.request(n);
        }

        @Override
        public void cancel() {
            s.cancel();
        }
    }
}
