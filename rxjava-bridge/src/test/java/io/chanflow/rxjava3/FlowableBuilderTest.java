package io.chanflow.rxjava3;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.test.CheckGoroutineLeaks;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RxChannels#flowable}: blocking code as a cold {@code Flowable}. */
@CheckGoroutineLeaks
class FlowableBuilderTest {
    @RegisterExtension
    final PluginErrors plugin = new PluginErrors();

    @Test
    void sendBlocksWithoutDemandWhenUnbuffered() {
        AtomicInteger sent = new AtomicInteger();
        TestSubscriber<Integer> ts = RxChannels.<Integer>flowable((ctx, out) -> {
            for (int i = 0; i < 5; i++) {
                out.send(i);
                sent.incrementAndGet();
            }
        }).test(0);
        ts.assertNoValues();
        assertEquals(0, sent.get());
        ts.requestMore(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> ts.values().size() == 2);
        assertEquals(2, sent.get(), "the third send waits for demand");
        ts.requestMore(3);
        ts.awaitDone(10, TimeUnit.SECONDS).assertValues(0, 1, 2, 3, 4).assertComplete();
    }

    @Test
    void aBufferedProducerRunsAheadByItsCapacityOnly() {
        AtomicInteger sent = new AtomicInteger();
        TestSubscriber<Integer> ts = RxChannels.<Integer>flowable(3, (ctx, out) -> {
            for (int i = 0; i < 100; i++) {
                out.send(i);
                sent.incrementAndGet();
            }
        }).test(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ts.values().size() == 1 && sent.get() == 4);
        // One delivered, three buffered: the fifth send blocks on the full channel.
        assertEquals(4, sent.get());
        ts.cancel();
        PluginErrors.awaitNoGoroutines();
        assertEquals(4, sent.get());
        assertEquals(List.of(), plugin.errors, "the body's CancellationException is the expected end");
    }

    @Test
    void isColdEachSubscriberRunsTheBody() {
        AtomicInteger runs = new AtomicInteger();
        Flowable<Integer> f = RxChannels.flowable((ctx, out) -> {
            int run = runs.incrementAndGet();
            out.send(run);
        });
        Flowable<Integer> twice = f.concatWith(f);
        twice.test().awaitDone(10, TimeUnit.SECONDS).assertValues(1, 2).assertComplete();
        assertEquals(2, runs.get());
    }

    @Test
    void cancellingTheSubscriptionCancelsTheBodysContextAndWakesItsSend() throws Exception {
        AtomicReference<Throwable> sendThrew = new AtomicReference<>();
        AtomicReference<Context> bodyCtx = new AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        TestSubscriber<Integer> ts = RxChannels.<Integer>flowable((ctx, out) -> {
            bodyCtx.set(ctx);
            try {
                out.send(1);
                out.send(2); // no demand for it
            } catch (CancellationException e) {
                sendThrew.set(e);
                throw e;
            } finally {
                ended.countDown();
            }
        }).test(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ts.values().size() == 1);
        ts.cancel();
        assertTrue(ended.await(10, TimeUnit.SECONDS));
        assertSame(Context.CANCELED, bodyCtx.get().err());
        assertSame(Context.CANCELED, sendThrew.get());
        PluginErrors.awaitNoGoroutines();
        assertEquals(List.of(), plugin.errors);
    }

    @Test
    void aCancelledParentEndsTheFlowableWithAnError() {
        CancelContext parent = Context.withCancel(Context.background());
        TestSubscriber<Integer> ts = RxChannels.<Integer>flowable(parent, 0, (ctx, out) -> {
            for (int i = 0; ; i++) {
                out.send(i);
            }
        }).test(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ts.values().size() == 1);
        parent.cancel();
        ts.awaitDone(10, TimeUnit.SECONDS).assertValues(0).assertError(CancellationException.class);
    }

    @Test
    void aThrowingBodyFailsTheFlowableAfterWhatItSent() {
        IOException failure = new IOException("disk gone");
        RxChannels.<String>flowable(4, (ctx, out) -> {
            out.send("a");
            out.send("b");
            throw failure;
        }).test().awaitDone(10, TimeUnit.SECONDS).assertValues("a", "b").assertError(failure);
    }

    @Test
    void aBodyFailingAfterTheCancelReportsToRxJavaPlugins() {
        IOException late = new IOException("failed while shutting down");
        TestSubscriber<Integer> ts = RxChannels.<Integer>flowable((ctx, out) -> {
            out.send(0);
            try {
                out.send(1);
            } catch (CancellationException cancelled) {
                throw late;
            }
        }).test(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ts.values().size() == 1);
        ts.cancel();
        assertSame(late, plugin.awaitFirst());
        ts.assertNoErrors();
        PluginErrors.awaitNoGoroutines();
    }

    @Test
    void negativeCapacityIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RxChannels.flowable(-1, (ctx, out) -> { }));
    }

    @Test
    void takeCancelsTheProducerOnceItHasEnough() {
        AtomicReference<Context> bodyCtx = new AtomicReference<>();
        RxChannels.<Integer>flowable((ctx, out) -> {
            bodyCtx.set(ctx);
            for (int i = 0; ; i++) {
                out.send(i);
            }
        }).take(3).test().awaitDone(10, TimeUnit.SECONDS).assertValues(0, 1, 2).assertComplete();
        await().atMost(Duration.ofSeconds(10)).until(() -> bodyCtx.get().err() != null);
        PluginErrors.awaitNoGoroutines();
        assertEquals(List.of(), plugin.errors);
    }
}
