package io.chanflow.rxjava3;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.test.CheckGoroutineLeaks;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** {@link RxChannels#flowable}: a channel as a unicast {@code Flowable}. */
@CheckGoroutineLeaks
class AsFlowableTest {
    @RegisterExtension
    final PluginErrors plugin = new PluginErrors();

    /** A channel of {@code n} elements fed by a goroutine that stops when {@code ctx} is cancelled. */
    private static Channel<Integer> fed(CancelContext ctx, int capacity, int n, AtomicInteger sent) {
        Channel<Integer> ch = Channel.make(capacity);
        Go.go(ctx, c -> {
            try {
                for (int i = 0; i < n; i++) {
                    ch.send(c, i);
                    sent.incrementAndGet();
                }
            } finally {
                ch.close();
            }
        });
        return ch;
    }

    @Test
    void deliversOnlyWhatWasRequestedAndTheChannelBuffers() throws Exception {
        CancelContext ctx = Context.withCancel(Context.background());
        AtomicInteger sent = new AtomicInteger();
        TestSubscriber<Integer> ts = RxChannels.flowable(ctx, fed(ctx, 0, 10, sent)).test(0);
        ts.assertNoValues();
        assertEquals(0, sent.get(), "nothing received without demand, so an unbuffered send cannot complete");

        ts.requestMore(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> ts.values().size() == 3);
        ts.assertValues(0, 1, 2).assertNotComplete();
        // The feeder's 4th send waits for a receive that only a request allows.
        assertEquals(3, sent.get());

        ts.requestMore(Long.MAX_VALUE);
        ts.awaitDone(10, TimeUnit.SECONDS).assertValues(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).assertComplete();
        ctx.cancel();
    }

    @Test
    void signalsComeStraightFromTheEmitterGoroutine() {
        Channel<Integer> ch = Channel.make(4);
        List<Thread> onNextThreads = new CopyOnWriteArrayList<>();
        AtomicReference<Thread> onCompleteThread = new AtomicReference<>();
        ch.trySend(1);
        ch.trySend(2);
        ch.close();
        TestSubscriber<Integer> ts = RxChannels.flowable(ch)
                .doOnNext(v -> onNextThreads.add(Thread.currentThread()))
                .doOnComplete(() -> onCompleteThread.set(Thread.currentThread()))
                .test();
        ts.awaitDone(10, TimeUnit.SECONDS).assertValues(1, 2).assertComplete();
        assertEquals(2, onNextThreads.size());
        for (Thread t : onNextThreads) {
            assertTrue(t.isVirtual(), "a goroutine, not a scheduler's thread: " + t);
            assertEquals("chanflow-emitter", t.getName());
            assertSame(onNextThreads.get(0), t, "one emitter per subscription");
        }
        assertSame(onNextThreads.get(0), onCompleteThread.get());
    }

    @Test
    void cancellingTheSubscriptionCancelsTheContextAndStopsTheFeeder() {
        CancelContext ctx = Context.withCancel(Context.background());
        AtomicInteger sent = new AtomicInteger();
        TestSubscriber<Integer> ts = RxChannels.flowable(ctx, fed(ctx, 0, Integer.MAX_VALUE, sent)).test(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> ts.values().size() == 2);
        ts.cancel();
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.err() != null);
        assertSame(Context.CANCELED, ctx.err());
        PluginErrors.awaitNoGoroutines(); // the feeder saw ctx.done() and returned, the emitter ended
        ts.assertValues(0, 1).assertNotComplete().assertNoErrors();
        assertEquals(List.of(), plugin.errors);
    }

    @Test
    void cancellingTheContextEndsTheFlowableWithItsCause() {
        CancelContext ctx = Context.withCancel(Context.background());
        TestSubscriber<Integer> ts = RxChannels.flowable(ctx, fed(ctx, 0, Integer.MAX_VALUE, new AtomicInteger()))
                .take(1000) // a downstream operator sees the error too
                .test(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ts.values().size() == 1);
        ctx.cancel();
        ts.awaitDone(10, TimeUnit.SECONDS).assertValues(0).assertError(CancellationException.class);
    }

    @Test
    void aChannelClosedWithACauseFailsTheFlowableAfterItsElements() {
        Channel<String> ch = Channel.make(2);
        ch.trySend("a");
        IllegalStateException boom = new IllegalStateException("boom");
        ch.close(boom);
        RxChannels.flowable(ch).test().awaitDone(10, TimeUnit.SECONDS).assertValues("a").assertError(boom);
    }

    @Test
    void aClosedEmptyChannelCompletesWithoutARequest() {
        Channel<String> ch = Channel.make(0);
        ch.close();
        RxChannels.flowable(ch).test(0).awaitDone(10, TimeUnit.SECONDS).assertNoValues().assertComplete();
    }

    @Test
    void isUnicastASecondSubscriberFailsAndTheFirstKeepsReceiving() {
        Channel<Integer> ch = Channel.make(4);
        ch.trySend(1);
        Flowable<Integer> f = RxChannels.flowable(ch);
        TestSubscriber<Integer> first = f.test(0);
        TestSubscriber<Integer> second = f.test(0);
        second.awaitDone(10, TimeUnit.SECONDS).assertError(IllegalStateException.class);
        first.requestMore(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.values().size() == 1);
        ch.close();
        first.awaitDone(10, TimeUnit.SECONDS).assertValues(1).assertComplete();
    }

    @Test
    void aSubscriberThatThrowsIsCancelledAndItsErrorReachesRxJavaPlugins() {
        Channel<Integer> ch = Channel.make(4);
        ch.trySend(1);
        ch.trySend(2);
        IllegalStateException thrown = new IllegalStateException("subscriber bug");
        AtomicInteger received = new AtomicInteger();
        // A raw Subscriber (§2.13 forbids it to throw): Flowable.subscribe wraps it in a StrictSubscriber, which
        // lets the exception through to the engine.
        RxChannels.flowable(ch).subscribe(new Subscriber<Integer>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Integer v) {
                received.incrementAndGet();
                throw thrown;
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        Throwable reported = plugin.awaitFirst();
        assertNotNull(reported);
        assertSame(thrown, reported);
        PluginErrors.awaitNoGoroutines();
        assertEquals(1, received.get(), "cancelled after the throw");
        ch.close();
    }

    @Test
    void worksWithAnOperatorChainAndTestSchedulerTimers() {
        TestScheduler time = new TestScheduler();
        Channel<Integer> ch = Channel.make(8);
        for (int i = 1; i <= 5; i++) {
            ch.trySend(i);
        }
        ch.close();
        AtomicInteger arrived = new AtomicInteger();
        // Each element waits for a one-second timer in virtual time.
        TestSubscriber<Integer> ts = RxChannels.flowable(ch)
                .doOnNext(v -> arrived.incrementAndGet())
                .concatMapSingle(v -> Single.timer(1, TimeUnit.SECONDS, time).map(x -> v), 8)
                .test();
        await().atMost(Duration.ofSeconds(10)).until(() -> arrived.get() == 5);
        ts.assertNoValues();
        time.advanceTimeBy(1, TimeUnit.SECONDS);
        ts.assertValues(1);
        time.advanceTimeBy(1, TimeUnit.SECONDS);
        ts.assertValues(1, 2);
        time.advanceTimeBy(10, TimeUnit.SECONDS);
        ts.awaitDone(10, TimeUnit.SECONDS).assertValues(1, 2, 3, 4, 5).assertComplete();
    }
}
