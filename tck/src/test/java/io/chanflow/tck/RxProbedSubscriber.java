package io.chanflow.tck;

import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.context.CancelContext;
import io.chanflow.flow.ChannelSubscriber;
import io.chanflow.rxjava3.RxChannels;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;

/**
 * The subscriber {@code RxChannels.toChannel} uses ({@link RxChannels#subscriber}), watched for the whitebox TCK:
 * every signal goes to it first, then to the probe. The puppet requests by receiving from the channel in a
 * goroutine and cancels by cancelling the subscriber's context, as real code does.
 */
final class RxProbedSubscriber<T> implements Subscriber<T> {
    private final ChannelSubscriber<T> subscriber;
    private final CancelContext ctx;
    private final WhiteboxSubscriberProbe<T> probe;
    /** Mirrors §2.5 in the subscriber: only the first subscription is announced to the probe. */
    private final AtomicBoolean subscribed = new AtomicBoolean();

    RxProbedSubscriber(Cleanup cleanup, int capacity, WhiteboxSubscriberProbe<T> probe) {
        this.ctx = cleanup.context();
        this.subscriber = RxChannels.subscriber(ctx, capacity);
        this.probe = probe;
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        subscriber.onSubscribe(subscription);
        if (subscribed.compareAndSet(false, true)) {
            probe.registerOnSubscribe(new Puppet<>(subscriber.channel(), ctx));
        }
    }

    @Override
    public void onNext(T item) {
        subscriber.onNext(item);
        probe.registerOnNext(item);
    }

    @Override
    public void onError(Throwable error) {
        subscriber.onError(error);
        probe.registerOnError(error);
    }

    @Override
    public void onComplete() {
        subscriber.onComplete();
        probe.registerOnComplete();
    }

    @Override
    public String toString() {
        return "RxProbed" + subscriber;
    }

    private record Puppet<T>(ReceiveChannel<T> channel, CancelContext ctx) implements SubscriberPuppet {
        @Override
        public void triggerRequest(long elements) {
            Go.go("tck-consumer", () -> {
                try {
                    for (long i = 0; i < elements; i++) {
                        channel.receive(ctx);
                    }
                } catch (RuntimeException | InterruptedException ended) {
                    // Ended before `elements` arrived: the TCK checks the signals itself.
                }
            });
        }

        @Override
        public void signalCancel() {
            ctx.cancel();
        }
    }
}
