package io.chanflow.rxjava3;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.ChannelIterator;
import io.chanflow.ReceiveChannel;
import io.chanflow.Received;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.test.CheckGoroutineLeaks;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.processors.PublishProcessor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** {@link RxChannels#toChannel}: a {@code Flowable} received from a channel. */
@CheckGoroutineLeaks
class ToChannelTest {
    @RegisterExtension
    final PluginErrors plugin = new PluginErrors();

    @Test
    void requestsTheCapacityUpFrontThenReplenishesAsConsumersReceive() throws Exception {
        List<Long> requests = new CopyOnWriteArrayList<>();
        ReceiveChannel<Integer> ch = RxChannels.toChannel(Context.background(),
                Flowable.range(0, 20).doOnRequest(requests::add), 8);
        await().atMost(Duration.ofSeconds(10)).until(() -> requests.size() == 1);
        assertEquals(List.of(8L), requests, "the whole buffer, nothing more before a receive");
        for (int i = 0; i < 6; i++) {
            assertEquals(i, ch.receive());
        }
        // 8 - 8/4 = 6 received: one request for as many again.
        await().atMost(Duration.ofSeconds(10)).until(() -> requests.size() == 2);
        assertEquals(List.of(8L, 6L), requests);
        List<Integer> rest = new ArrayList<>();
        for (Integer v : ch) {
            rest.add(v);
        }
        assertEquals(14, rest.size());
        assertEquals(19, rest.get(13));
    }

    @Test
    void aFlowableSignalsTheChannelDirectlyNotThroughStrictSubscriber() throws Exception {
        // Flowable.subscribe wraps a subscriber that is not a FlowableSubscriber in StrictSubscriber (two atomics per
        // element) before subscribeActual sees it; toChannel's subscriber must arrive there unwrapped.
        AtomicReference<Subscriber<?>> seen = new AtomicReference<>();
        Flowable<Integer> source = new Flowable<>() {
            @Override
            protected void subscribeActual(Subscriber<? super Integer> s) {
                seen.set(s);
                Flowable.just(1, 2, 3).subscribe(s);
            }
        };
        ReceiveChannel<Integer> ch = RxChannels.toChannel(Context.background(), source, 4);
        assertTrue(seen.get() instanceof io.reactivex.rxjava3.core.FlowableSubscriber<?>,
                "a FlowableSubscriber: " + seen.get());
        assertFalse(seen.get().getClass().getName().contains("Strict"), seen.get().getClass().getName());
        List<Integer> got = new ArrayList<>();
        for (Integer v : ch) {
            got.add(v);
        }
        assertEquals(List.of(1, 2, 3), got);
    }

    @Test
    void anUnbufferedChannelRequestsOneAtATime() throws Exception {
        List<Long> requests = new CopyOnWriteArrayList<>();
        ReceiveChannel<Integer> ch = RxChannels.toChannel(Context.background(),
                Flowable.range(0, 3).doOnRequest(requests::add), 0);
        assertEquals(0, ch.receive());
        assertEquals(1, ch.receive());
        assertEquals(2, ch.receive());
        assertTrue(ch.receiveOrClosed().isClosed());
        assertTrue(requests.stream().allMatch(n -> n == 1L), "requests: " + requests);
    }

    @Test
    void anErrorFailsTheChannelAfterTheBufferedElements() throws Exception {
        IOException boom = new IOException("boom");
        ReceiveChannel<Integer> ch = RxChannels.toChannel(Context.background(),
                Flowable.just(1, 2).concatWith(Flowable.error(boom)), 4);
        assertEquals(1, ch.receive());
        assertEquals(2, ch.receive());
        Received<Integer> r = ch.receiveOrClosed();
        assertTrue(r.isClosed());
        assertSame(boom, r.cause());
    }

    @Test
    void cancellingTheContextCancelsTheFlowable() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        CancelContext ctx = Context.withCancel(Context.background());
        PublishProcessor<Integer> source = PublishProcessor.create();
        ReceiveChannel<Integer> ch = RxChannels.toChannel(ctx, source.doOnCancel(() -> cancelled.set(true)), 2);
        await().atMost(Duration.ofSeconds(10)).until(source::hasSubscribers);
        source.onNext(1);
        assertEquals(1, ch.receive());
        ctx.cancel();
        await().atMost(Duration.ofSeconds(10)).until(cancelled::get);
        assertFalse(source.hasSubscribers());
        Received<Integer> r = ch.receiveOrClosed();
        assertTrue(r.isClosed());
        assertSame(Context.CANCELED, r.cause());
    }

    @Test
    void closingAnIteratorEarlyCancelsTheFlowable() {
        AtomicBoolean cancelled = new AtomicBoolean();
        ReceiveChannel<Long> ch = RxChannels.toChannel(Context.background(),
                Flowable.rangeLong(0, Long.MAX_VALUE).doOnCancel(() -> cancelled.set(true)), 4);
        try (ChannelIterator<Long> it = ch.iterator()) {
            assertEquals(0L, it.next());
        }
        await().atMost(Duration.ofSeconds(10)).until(cancelled::get);
    }

    @Test
    void anErrorSignalledAfterTheCancelReachesRxJavaPlugins() {
        CancelContext ctx = Context.withCancel(Context.background());
        AtomicReference<Subscriber<? super Integer>> downstream = new AtomicReference<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        // A publisher that still signals an error after it was cancelled (§2.8 lets a subscriber see it).
        org.reactivestreams.Publisher<Integer> late = s -> {
            downstream.set(s);
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                    cancelled.set(true);
                }
            });
        };
        ReceiveChannel<Integer> ch = RxChannels.toChannel(ctx, late, 1);
        ctx.cancel();
        await().atMost(Duration.ofSeconds(10)).until(cancelled::get);
        IllegalStateException lost = new IllegalStateException("too late");
        downstream.get().onError(lost);
        assertSame(lost, plugin.awaitFirst());
        assertThrows(CancellationException.class, ch::receive);
    }

    @Test
    void negativeCapacityIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> RxChannels.toChannel(Context.background(), Flowable.just(1), -1));
    }
}
