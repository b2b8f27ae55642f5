package io.chanflow.rxjava3;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.test.CheckGoroutineLeaks;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The blocking {@code await*} methods, bounded by a Chanflow {@link Context}. */
@CheckGoroutineLeaks
class AwaitTest {
    @RegisterExtension
    final PluginErrors plugin = new PluginErrors();

    private static final Context BG = Context.background();

    /** Runs {@code body} in a goroutine; its outcome (a value or an exception) arrives on the returned channel. */
    private static Channel<Object> inGoroutine(io.chanflow.rxjava3.ContextCallable<?> body, Context ctx) {
        Channel<Object> result = Channel.make(1);
        Go.go(() -> {
            Object r;
            try {
                r = body.call(ctx);
            } catch (Throwable t) {
                r = t;
            }
            result.send(r);
        });
        return result;
    }

    @Test
    void awaitsASingleMaybeAndCompletable() throws Exception {
        assertEquals("x", RxChannels.await(BG, Single.just("x")));
        assertEquals(Optional.of(3), RxChannels.await(BG, Maybe.just(3)));
        assertEquals(Optional.empty(), RxChannels.await(BG, Maybe.<Integer>empty()));
        AtomicBoolean ran = new AtomicBoolean();
        RxChannels.await(BG, Completable.fromAction(() -> ran.set(true)));
        assertTrue(ran.get());
        assertEquals(Integer.valueOf(7), RxChannels.await(BG, RxChannels.<Integer>single(ctx -> 7)));
    }

    @Test
    void rethrowsUncheckedErrorsAndWrapsCheckedOnes() {
        IllegalStateException unchecked = new IllegalStateException("u");
        assertSame(unchecked, assertThrows(IllegalStateException.class,
                () -> RxChannels.await(BG, Single.error(unchecked))));
        IOException checked = new IOException("c");
        assertSame(checked, assertThrows(CompletionException.class,
                () -> RxChannels.await(BG, Completable.error(checked))).getCause());
        assertSame(checked, assertThrows(CompletionException.class,
                () -> RxChannels.awaitList(BG, Flowable.just(1).concatWith(Flowable.error(checked)))).getCause());
    }

    @Test
    void cancellingTheContextDisposesTheSingleAndThrowsCtxErr() throws Exception {
        CancelContext ctx = Context.withCancel(BG);
        AtomicBoolean disposed = new AtomicBoolean();
        AtomicBoolean subscribed = new AtomicBoolean();
        Channel<Object> outcome = inGoroutine(c -> RxChannels.await(c, Single.never()
                .doOnSubscribe(d -> subscribed.set(true)).doOnDispose(() -> disposed.set(true))), ctx);
        await().atMost(Duration.ofSeconds(10)).until(subscribed::get);
        assertTrue(outcome.tryReceive().wouldBlock());
        ctx.cancel();
        assertSame(Context.CANCELED, outcome.receive());
        assertTrue(disposed.get());
    }

    @Test
    void cancellingTheContextDisposesTheCompletable() throws Exception {
        CancelContext ctx = Context.withCancel(BG);
        AtomicBoolean disposed = new AtomicBoolean();
        AtomicBoolean subscribed = new AtomicBoolean();
        Channel<Object> outcome = inGoroutine(c -> {
            RxChannels.await(c, Completable.never()
                    .doOnSubscribe(d -> subscribed.set(true)).doOnDispose(() -> disposed.set(true)));
            return "completed";
        }, ctx);
        await().atMost(Duration.ofSeconds(10)).until(subscribed::get);
        ctx.cancel();
        assertSame(Context.CANCELED, outcome.receive());
        assertTrue(disposed.get());
    }

    @Test
    void aContextDoneOnEntrySubscribesNothing() {
        CancelContext ctx = Context.withCancel(BG);
        ctx.cancel();
        AtomicBoolean subscribed = new AtomicBoolean();
        assertSame(Context.CANCELED, assertThrows(CancellationException.class,
                () -> RxChannels.await(ctx, Maybe.just(1).doOnSubscribe(d -> subscribed.set(true)))));
        assertSame(Context.CANCELED, assertThrows(CancellationException.class,
                () -> RxChannels.awaitFirst(ctx, Flowable.just(1).doOnSubscribe(s -> subscribed.set(true)))));
        assertTrue(!subscribed.get());
    }

    @Test
    void awaitFirstRequestsOneAndCancelsAfterIt() throws Exception {
        List<Long> requests = new CopyOnWriteArrayList<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        int first = RxChannels.awaitFirst(BG,
                Flowable.range(10, 1000).doOnRequest(requests::add).doOnCancel(() -> cancelled.set(true)));
        assertEquals(10, first);
        await().atMost(Duration.ofSeconds(10)).until(cancelled::get);
        assertEquals(1L, requests.get(0));
        assertThrows(NoSuchElementException.class, () -> RxChannels.awaitFirst(BG, Flowable.empty()));
    }

    @Test
    void awaitSingleWantsExactlyOne() throws Exception {
        assertEquals(5, RxChannels.awaitSingle(BG, Flowable.just(5)));
        assertThrows(NoSuchElementException.class, () -> RxChannels.awaitSingle(BG, Flowable.empty()));
        AtomicBoolean cancelled = new AtomicBoolean();
        assertThrows(IllegalArgumentException.class,
                () -> RxChannels.awaitSingle(BG, Flowable.range(0, 100).doOnCancel(() -> cancelled.set(true))));
        await().atMost(Duration.ofSeconds(10)).until(cancelled::get);
    }

    @Test
    void awaitLastAndAwaitListReadTheWholeStream() throws Exception {
        assertEquals(9_999, RxChannels.awaitLast(BG, Flowable.range(0, 10_000)));
        assertThrows(NoSuchElementException.class, () -> RxChannels.awaitLast(BG, Flowable.empty()));
        assertEquals(List.of(1, 2, 3), RxChannels.awaitList(BG, Flowable.just(1, 2, 3)));
        assertEquals(List.of(), RxChannels.awaitList(BG, Flowable.empty()));
    }

    @Test
    void cancellingTheContextCancelsTheFlowableAndThrowsCtxErr() throws Exception {
        CancelContext ctx = Context.withCancel(BG);
        AtomicBoolean cancelled = new AtomicBoolean();
        TestScheduler time = new TestScheduler();
        Flowable<Long> ticks = Flowable.interval(1, TimeUnit.SECONDS, time).doOnCancel(() -> cancelled.set(true));
        AtomicBoolean subscribed = new AtomicBoolean();
        Channel<Object> outcome = inGoroutine(c -> RxChannels.awaitList(c,
                ticks.doOnSubscribe(s -> subscribed.set(true))), ctx);
        await().atMost(Duration.ofSeconds(10)).until(subscribed::get);
        time.advanceTimeBy(5, TimeUnit.SECONDS);
        assertTrue(outcome.tryReceive().wouldBlock(), "an endless stream: still waiting");
        ctx.cancel();
        assertSame(Context.CANCELED, outcome.receive());
        await().atMost(Duration.ofSeconds(10)).until(cancelled::get);
    }

    @Test
    void awaitsATimerInVirtualTime() throws Exception {
        TestScheduler time = new TestScheduler();
        Channel<Object> outcome = inGoroutine(c -> RxChannels.awaitFirst(c,
                Flowable.timer(3, TimeUnit.SECONDS, time)), BG);
        // The goroutine subscribes on its own: advance once the timer is scheduled, i.e. until the await returns.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            time.advanceTimeBy(1, TimeUnit.SECONDS);
            return !outcome.tryReceive().wouldBlock();
        });
        assertTrue(time.now(TimeUnit.SECONDS) >= 3);
    }

    @Test
    void aDeadlineBoundsTheAwait() {
        CancelContext ctx = Context.withTimeout(BG, Duration.ofMillis(50));
        try {
            assertSame(Context.DEADLINE_EXCEEDED, assertThrows(CancellationException.class,
                    () -> RxChannels.await(ctx, Single.never())));
        } finally {
            ctx.cancel();
        }
    }
}
