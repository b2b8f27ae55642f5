package io.chanflow.rxjava3;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.test.CheckGoroutineLeaks;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
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

/** {@link RxChannels#single}, {@link RxChannels#maybe}, {@link RxChannels#completable}: blocking code as RxJava. */
@CheckGoroutineLeaks
class BuildersTest {
    @RegisterExtension
    final PluginErrors plugin = new PluginErrors();

    @Test
    void singleSignalsTheBodysResultFromItsGoroutine() {
        AtomicReference<Thread> thread = new AtomicReference<>();
        AtomicReference<Thread> body = new AtomicReference<>();
        TestObserver<String> to = RxChannels.single(ctx -> {
                    body.set(Thread.currentThread());
                    return "done";
                })
                .doOnSuccess(v -> thread.set(Thread.currentThread()))
                .test();
        to.awaitDone(10, TimeUnit.SECONDS).assertValue("done").assertComplete();
        assertTrue(thread.get().isVirtual());
        assertSame(body.get(), thread.get(), "signalled by the body's goroutine");
        assertEquals("chanflow-value", thread.get().getName());
    }

    @Test
    void singleIsColdAndRunsTheBodyPerObserver() {
        AtomicInteger runs = new AtomicInteger();
        Single<Integer> s = RxChannels.single(ctx -> runs.incrementAndGet());
        s.test().awaitDone(10, TimeUnit.SECONDS).assertValue(1);
        s.test().awaitDone(10, TimeUnit.SECONDS).assertValue(2);
        assertEquals(2, runs.get());
    }

    @Test
    void singleOfNullFailsWithNullPointerException() {
        RxChannels.<String>single(ctx -> null).test().awaitDone(10, TimeUnit.SECONDS)
                .assertError(NullPointerException.class);
    }

    @Test
    void singleBodyThatThrowsFailsIt() {
        IOException boom = new IOException("boom");
        RxChannels.<String>single(ctx -> {
            throw boom;
        }).test().awaitDone(10, TimeUnit.SECONDS).assertError(boom);
    }

    @Test
    void disposingASingleCancelsTheBodysContext() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Context> bodyCtx = new AtomicReference<>();
        TestObserver<String> to = RxChannels.<String>single(ctx -> {
            bodyCtx.set(ctx);
            started.countDown();
            ctx.done().receiveOrClosed(); // blocks until cancelled
            throw ctx.err();
        }).test();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        to.dispose();
        await().atMost(Duration.ofSeconds(10)).until(() -> bodyCtx.get().err() != null);
        PluginErrors.awaitNoGoroutines();
        to.assertNoValues().assertNoErrors();
        assertEquals(List.of(), plugin.errors, "the body's own cancellation is no undeliverable error");
    }

    @Test
    void aSingleFailingAfterTheDisposeReportsToRxJavaPlugins() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        IOException late = new IOException("late");
        TestObserver<String> to = RxChannels.<String>single(ctx -> {
            started.countDown();
            ctx.done().receiveOrClosed();
            throw late;
        }).test();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        to.dispose();
        assertSame(late, plugin.awaitFirst());
    }

    @Test
    void aCancelledParentFailsTheSingleWithTheCancellation() throws Exception {
        CancelContext parent = Context.withCancel(Context.background());
        CountDownLatch started = new CountDownLatch(1);
        TestObserver<String> to = RxChannels.<String>single(parent, ctx -> {
            started.countDown();
            ctx.done().receiveOrClosed();
            throw ctx.err();
        }).test();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        parent.cancel();
        to.awaitDone(10, TimeUnit.SECONDS).assertError(CancellationException.class);
    }

    @Test
    void maybeOfNullIsEmpty() {
        RxChannels.<String>maybe(ctx -> null).test().awaitDone(10, TimeUnit.SECONDS)
                .assertNoValues().assertNoErrors().assertComplete();
    }

    @Test
    void maybeOfAValueSucceeds() {
        RxChannels.maybe(ctx -> 42).test().awaitDone(10, TimeUnit.SECONDS).assertValue(42);
    }

    @Test
    void disposingAMaybeCancelsTheBodysContext() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Context> bodyCtx = new AtomicReference<>();
        TestObserver<String> to = RxChannels.<String>maybe(ctx -> {
            bodyCtx.set(ctx);
            started.countDown();
            ctx.done().receiveOrClosed();
            return null;
        }).test();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        to.dispose();
        await().atMost(Duration.ofSeconds(10)).until(() -> bodyCtx.get().err() != null);
        PluginErrors.awaitNoGoroutines();
        to.assertNotComplete();
    }

    @Test
    void completableCompletesWhenTheBodyReturnsAndFailsWhenItThrows() {
        AtomicInteger ran = new AtomicInteger();
        RxChannels.completable(ctx -> ran.incrementAndGet()).test().awaitDone(10, TimeUnit.SECONDS).assertComplete();
        assertEquals(1, ran.get());
        IOException boom = new IOException("boom");
        RxChannels.completable(ctx -> {
            throw boom;
        }).test().awaitDone(10, TimeUnit.SECONDS).assertError(boom);
    }

    @Test
    void disposingACompletableCancelsTheBodysContext() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Context> bodyCtx = new AtomicReference<>();
        TestObserver<Void> to = RxChannels.completable(ctx -> {
            bodyCtx.set(ctx);
            started.countDown();
            ctx.done().receiveOrClosed();
        }).test();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        to.dispose();
        await().atMost(Duration.ofSeconds(10)).until(() -> bodyCtx.get().err() != null);
        PluginErrors.awaitNoGoroutines();
        to.assertNotComplete();
        assertEquals(List.of(), plugin.errors);
    }

    @Test
    void theBodysContextIsReleasedWhenItReturns() {
        AtomicReference<Context> bodyCtx = new AtomicReference<>();
        RxChannels.single(ctx -> {
            bodyCtx.set(ctx);
            return 1;
        }).test().awaitDone(10, TimeUnit.SECONDS).assertValue(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> bodyCtx.get().err() != null);
    }
}
