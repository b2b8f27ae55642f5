package io.chanflow.bench;

import io.chanflow.Goroutines;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import reactor.core.CoreSubscriber;

/**
 * The one subscriber of every publish-side row: it requests {@link FlowBridge#BATCH} up front and as many again
 * each time that many arrived, adds up the items, and opens a latch on {@code onComplete} or {@code onError}.
 *
 * <p>It is a {@link Flow.Subscriber} (for the Chanflow builder and {@code SubmissionPublisher}) and a Reactor
 * {@link CoreSubscriber}, so Reactor calls it directly instead of wrapping it in the {@code StrictSubscriber} it puts
 * around foreign subscribers: every contender runs the same {@code onNext} and pays only for its own machinery.
 *
 * <p>It also records the threads it was signalled on, so a benchmark can check the topology it claims (items
 * delivered on a virtual thread other than the producer's) and join the thread that signalled it.
 *
 * <p>Fields are plain: the Reactive Streams rules (§1.3) make the signals serial with happens-before between them,
 * and the latch orders the last of them before {@link #await}'s reads.
 */
final class BatchSubscriber implements Flow.Subscriber<Integer>, CoreSubscriber<Integer> {

    private final CountDownLatch done = new CountDownLatch(1);
    private LongConsumer upstream;
    private int sinceRequest;
    private long count;
    private long sum;
    private Throwable error;
    private int terminals;
    private Thread subscribedOn;
    private Thread deliveredOn;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscribed(s::request);
    }

    @Override
    public void onSubscribe(org.reactivestreams.Subscription s) {
        subscribed(s::request);
    }

    private void subscribed(LongConsumer request) {
        subscribedOn = Thread.currentThread();
        upstream = request;
        request.accept(FlowBridge.BATCH);
    }

    @Override
    public void onNext(Integer x) {
        if (count++ == 0L) {
            deliveredOn = Thread.currentThread();
        }
        sum += x;
        if (++sinceRequest == FlowBridge.BATCH) {
            sinceRequest = 0;
            upstream.accept(FlowBridge.BATCH);
        }
    }

    @Override
    public void onError(Throwable t) {
        error = t;
        terminals++;
        done.countDown();
    }

    @Override
    public void onComplete() {
        terminals++;
        done.countDown();
    }

    /**
     * Waits for the terminal signal and returns the verified checksum of {@code n} items; throws if the publisher
     * failed, hung, or delivered anything but exactly the items {@code 0 .. n-1} once each.
     */
    long await(int n) throws InterruptedException {
        if (!done.await(FlowBridge.HANG.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("no terminal signal within " + FlowBridge.HANG.toMillis() + " ms after "
                    + count + " of " + n + " items\n" + Goroutines.dump());
        }
        if (error != null) {
            throw new IllegalStateException("publisher failed after " + count + " of " + n + " items", error);
        }
        if (terminals != 1) {
            throw new IllegalStateException(terminals + " terminal signals");
        }
        if (count != n) {
            throw new IllegalStateException(count + " items delivered, " + n + " expected");
        }
        return Items.verify(n, sum);
    }

    /**
     * Throws unless the items were delivered on a virtual thread other than {@code producer}: the topology every
     * publish-side row claims. Call after {@link #await}.
     */
    void requireDeliveredOffThread(Thread producer) {
        Thread t = deliveredOn;
        if (t == null || !t.isVirtual() || t == producer) {
            throw new IllegalStateException("items delivered on " + t + ", expected a virtual thread other than the"
                    + " producer " + producer);
        }
    }

    /** The thread {@code onSubscribe} ran on. Call after {@link #await}. */
    Thread subscribedOn() {
        return subscribedOn;
    }
}
