package io.chanflow.tck;

import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.context.CancelContext;
import io.chanflow.flow.ChannelSubscriber;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;

/**
 * A {@link ChannelSubscriber} the whitebox TCK can watch: every signal goes to the subscriber under test first (so
 * its own checks, such as §2.13's {@code NullPointerException}, are what the TCK sees), then to the probe.
 *
 * <p>The puppet drives it the way real code does, through the channel: {@code triggerRequest(n)} receives
 * {@code n} elements in a goroutine, and each element received frees a buffer slot, which is what makes the
 * subscriber request more; {@code signalCancel()} cancels the context the subscriber was created with, which
 * cancels the upstream subscription.
 */
final class ProbedSubscriber<T> implements Flow.Subscriber<T>, org.reactivestreams.Subscriber<T> {
    private final ChannelSubscriber<T> subscriber;
    private final CancelContext ctx;
    private final WhiteboxSubscriberProbe<T> probe;
    /** Mirrors §2.5 in the subscriber: only the first subscription is announced to the probe. */
    private final AtomicBoolean subscribed = new AtomicBoolean();

    ProbedSubscriber(Cleanup cleanup, int capacity, WhiteboxSubscriberProbe<T> probe) {
        this(cleanup, capacity, probe, ChannelSubscriber::new);
    }

    /** Probes the subscriber {@code make} builds (a bridge's own, e.g. {@code RxChannels::subscriber}). */
    ProbedSubscriber(Cleanup cleanup, int capacity, WhiteboxSubscriberProbe<T> probe,
                     java.util.function.BiFunction<io.chanflow.context.Context, Integer, ChannelSubscriber<T>> make) {
        this.ctx = cleanup.context();
        this.subscriber = make.apply(ctx, capacity);
        this.probe = probe;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscriber.onSubscribe(subscription);
        announce();
    }

    @Override
    public void onSubscribe(org.reactivestreams.Subscription subscription) {
        subscriber.onSubscribe(subscription);
        announce();
    }

    private void announce() {
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
        return "Probed" + subscriber;
    }

    /** Requests by receiving, cancels by cancelling the context. */
    private record Puppet<T>(ReceiveChannel<T> channel, CancelContext ctx) implements SubscriberPuppet {
        @Override
        public void triggerRequest(long elements) {
            Go.go("tck-consumer", () -> {
                try {
                    for (long i = 0; i < elements; i++) {
                        channel.receive(ctx);
                    }
                } catch (RuntimeException | InterruptedException ended) {
                    // Cancelled, completed or failed before `elements` arrived: the TCK checks the signals itself.
                }
            });
        }

        @Override
        public void signalCancel() {
            ctx.cancel();
        }
    }
}
