package io.chanflow.tck;

import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.context.CancelContext;
import io.chanflow.reactor.ReactorChannelSubscriber;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.reactivestreams.tck.SubscriberWhiteboxVerification;
import org.testng.annotations.AfterMethod;

/**
 * {@link SubscriberWhiteboxVerification} of {@link ReactorChannelSubscriber} with capacity 16 (what
 * {@code ReactorChannels.toChannel(ctx, flux, 16)} subscribes). Driven through its channel, as
 * {@link ProbedSubscriber} drives the Flow bridge's subscriber: receiving requests more, cancelling the context
 * cancels.
 */
public class ReactorSubscriberWhiteboxTckTest extends SubscriberWhiteboxVerification<Integer> {
    private final Cleanup cleanup = new Cleanup();

    public ReactorSubscriberWhiteboxTckTest() {
        super(TckEnvironment.create());
    }

    @Override
    public Subscriber<Integer> createSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        CancelContext ctx = cleanup.context();
        ReactorChannelSubscriber<Integer> s = new ReactorChannelSubscriber<>(ctx, 16);
        AtomicBoolean subscribed = new AtomicBoolean();
        return new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                s.onSubscribe(subscription);
                if (subscribed.compareAndSet(false, true)) {
                    probe.registerOnSubscribe(new Puppet(s.channel(), ctx));
                }
            }

            @Override
            public void onNext(Integer item) {
                s.onNext(item);
                probe.registerOnNext(item);
            }

            @Override
            public void onError(Throwable error) {
                s.onError(error);
                probe.registerOnError(error);
            }

            @Override
            public void onComplete() {
                s.onComplete();
                probe.registerOnComplete();
            }
        };
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }

    @AfterMethod(alwaysRun = true)
    public void releaseTestResources() {
        cleanup.run();
    }

    private record Puppet(ReceiveChannel<Integer> channel, CancelContext ctx) implements SubscriberPuppet {
        @Override
        public void triggerRequest(long elements) {
            Go.go("tck-consumer", () -> {
                try {
                    for (long i = 0; i < elements; i++) {
                        channel.receive(ctx);
                    }
                } catch (RuntimeException | InterruptedException ended) {
                    // ended first: the TCK checks the signals itself
                }
            });
        }

        @Override
        public void signalCancel() {
            ctx.cancel();
        }
    }
}
