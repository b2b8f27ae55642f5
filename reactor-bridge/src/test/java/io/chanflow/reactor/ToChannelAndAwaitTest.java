package io.chanflow.reactor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.test.CheckGoroutineLeaks;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.ContextView;

/** Publisher → channel, the awaits, and the Reactor ⇄ Chanflow context mapping. */
@CheckGoroutineLeaks
class ToChannelAndAwaitTest {
    static final Context.Key<String> USER = Context.Key.of("user");
    static final Context.Key<Integer> TENANT = Context.Key.of("tenant");

    @AfterEach
    void resetHooks() {
        Hooks.resetOnErrorDropped();
    }

    @Test
    void prefetchIsTheCapacityAndReceivingReplenishes() throws Exception {
        List<Long> requests = new CopyOnWriteArrayList<>();
        try (CancelContext ctx = Context.withCancel(Context.background())) {
            ReceiveChannel<Integer> ch = ReactorChannels.toChannel(ctx,
                    Flux.range(0, 100).doOnRequest(requests::add), 8);
            await().until(() -> ch.len() == 8);
            assertEquals(List.of(8L), requests, "the whole buffer up front, nothing more");
            for (int i = 0; i < 6; i++) {
                assertEquals(i, ch.receive());
            }
            await().until(() -> requests.size() == 2);
            assertEquals(List.of(8L, 6L), requests, "75 % of 8 once 6 were taken");
            List<Integer> rest = new ArrayList<>();
            ch.forEach(rest::add);
            assertEquals(94, rest.size());
            assertEquals(99, rest.get(93));
        }
        Leaks.awaitNoGoroutines();
    }

    @Test
    void cancellingTheContextCancelsTheSubscriptionAndFailsTheChannel() {
        CountDownLatch cancelled = new CountDownLatch(1);
        CancelContext ctx = Context.withCancel(Context.background());
        ReceiveChannel<Object> ch = ReactorChannels.toChannel(ctx, Flux.never().doOnCancel(cancelled::countDown), 4);
        ctx.cancel();
        await().until(() -> cancelled.getCount() == 0);
        assertThrows(CancellationException.class, ch::receive);
        Leaks.awaitNoGoroutines();
    }

    @Test
    void publisherErrorFailsTheChannelAfterTheElements() throws Exception {
        ReceiveChannel<Integer> ch = ReactorChannels.toChannel(Context.background(),
                Flux.just(1, 2).concatWith(Flux.error(new IllegalStateException("upstream"))), 4);
        assertEquals(1, ch.receive());
        assertEquals(2, ch.receive());
        IllegalStateException e = assertThrows(IllegalStateException.class, ch::receive);
        assertEquals("upstream", e.getMessage());
    }

    @Test
    void errorAfterTheContextCancelGoesToOnErrorDropped() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        AtomicReference<org.reactivestreams.Subscriber<? super Integer>> sub = new AtomicReference<>();
        Flux<Integer> misbehaving = Flux.from(s -> {
            sub.set(s);
            s.onSubscribe(new org.reactivestreams.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                    cancelled.countDown();
                }
            });
        });
        CancelContext ctx = Context.withCancel(Context.background());
        ReactorChannels.toChannel(ctx, misbehaving, 2);
        ctx.cancel();
        assertTrue(cancelled.await(10, TimeUnit.SECONDS));
        sub.get().onError(new IllegalStateException("after cancel"));
        assertEquals(1, dropped.size());
        assertEquals("after cancel", dropped.get(0).getMessage());
    }

    @Test
    void elementSignalledAfterTheCancelGoesToTheDiscardHook() throws Exception {
        List<Object> discarded = new CopyOnWriteArrayList<>();
        AtomicReference<org.reactivestreams.Subscriber<? super Integer>> sub = new AtomicReference<>();
        CountDownLatch cancelled = new CountDownLatch(1);
        Flux<Integer> raw = Flux.from(s -> {
            sub.set(s);
            s.onSubscribe(new org.reactivestreams.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                    cancelled.countDown();
                }
            });
        });
        // The discard hook travels in the subscriber's Reactor context: the Chanflow side puts it there through
        // REACTOR_CONTEXT, here a view captured from a Reactor chain with doOnDiscard.
        ContextView hookView = Mono.deferContextual(Mono::just).doOnDiscard(Object.class, discarded::add).block();
        CancelContext ctx = Context.withCancel(
                Context.withValue(Context.background(), ReactorChannels.REACTOR_CONTEXT, hookView));
        ReactorChannels.toChannel(ctx, raw, 2);
        ctx.cancel();
        assertTrue(cancelled.await(10, TimeUnit.SECONDS));
        sub.get().onNext(42); // §2.8: may arrive after the cancel
        assertEquals(List.of(42), discarded);
        Leaks.awaitNoGoroutines();
    }

    @Test
    void awaitsReturnWhatTheyPromise() throws Exception {
        Context bg = Context.background();
        assertEquals("v", ReactorChannels.awaitSingle(bg, Mono.just("v")));
        assertNull(ReactorChannels.awaitSingleOrNull(bg, Mono.empty()));
        assertEquals(Optional.empty(), ReactorChannels.awaitOptional(bg, Mono.empty()));
        assertEquals(Optional.of(3), ReactorChannels.awaitOptional(bg, Mono.just(3)));
        assertThrows(NoSuchElementException.class, () -> ReactorChannels.awaitSingle(bg, Mono.empty()));
        assertThrows(IndexOutOfBoundsException.class, () -> ReactorChannels.awaitSingle(bg, Flux.just(1, 2)));
        assertEquals(List.of(1, 2, 3), ReactorChannels.awaitList(bg, Flux.range(1, 3)));
        assertEquals(List.of(), ReactorChannels.awaitList(bg, Flux.empty()));
        assertEquals(1000, ReactorChannels.awaitLast(bg, Flux.range(1, 1000)));
        assertThrows(NoSuchElementException.class, () -> ReactorChannels.awaitLast(bg, Flux.empty()));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ReactorChannels.awaitSingle(bg, Mono.error(new IllegalStateException("x"))));
        assertEquals("x", e.getMessage());
        Leaks.awaitNoGoroutines();
    }

    @Test
    void awaitFirstCancelsTheRest() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        assertEquals(0L, ReactorChannels.awaitFirst(Context.background(),
                Flux.interval(java.time.Duration.ofMillis(1)).doOnCancel(cancelled::countDown)));
        assertTrue(cancelled.await(10, TimeUnit.SECONDS));
    }

    @Test
    void cancellingTheContextEndsTheAwaitWithCtxErrAndCancelsTheSubscription() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch subscribed = new CountDownLatch(1);
        CancelContext ctx = Context.withCancel(Context.background());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Go.go(() -> {
            try {
                ReactorChannels.awaitSingle(ctx, Mono.never().doOnSubscribe(s -> subscribed.countDown())
                        .doOnCancel(cancelled::countDown));
            } catch (Throwable t) {
                thrown.set(t);
            } finally {
                done.countDown();
            }
        });
        assertTrue(subscribed.await(10, TimeUnit.SECONDS));
        ctx.cancel();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertSame(ctx.err(), thrown.get());
        assertTrue(cancelled.await(10, TimeUnit.SECONDS));
        Leaks.awaitNoGoroutines();
    }

    @Test
    void reactorContextReachesTheBody() {
        AtomicReference<String> user = new AtomicReference<>();
        AtomicReference<String> plain = new AtomicReference<>();
        Flux<String> flux = ReactorChannels.flux((ctx, out) -> {
            user.set(ctx.value(USER));
            plain.set(ctx.value(ReactorChannels.REACTOR_CONTEXT).get("trace"));
            out.send(ctx.value(USER));
        });
        StepVerifier.create(flux.contextWrite(reactor.util.context.Context.of(USER, "alice", "trace", "t-1")))
                .expectNext("alice")
                .verifyComplete();
        assertEquals("alice", user.get());
        assertEquals("t-1", plain.get());
        StepVerifier.create(ReactorChannels.mono(ctx -> ctx.value(USER) + "@" + ctx.value(TENANT))
                        .contextWrite(reactor.util.context.Context.of(USER, "bob", TENANT, 7)))
                .expectNext("bob@7")
                .verifyComplete();
        StepVerifier.create(ReactorChannels.mono(ctx -> ctx.value(USER))).verifyComplete(); // none: null → empty
        Leaks.awaitNoGoroutines();
    }

    @Test
    void chanflowValuesReachTheReactorContextOfTheSubscriber() throws Exception {
        Context ctx = Context.withValue(Context.withValue(Context.background(), USER, "carol"), TENANT, 9);
        Mono<String> reads = Mono.deferContextual(cv -> Mono.just(cv.getOrDefault(USER, "none") + "/"
                + cv.getOrDefault(TENANT, -1)));
        assertEquals("carol/9", ReactorChannels.awaitSingle(ctx, reads, USER, TENANT));
        assertEquals("carol/-1", ReactorChannels.awaitSingle(ctx, reads, USER));
        assertEquals("none/-1", ReactorChannels.awaitSingle(ctx, reads), "only the keys asked for");
        ReceiveChannel<String> ch = ReactorChannels.toChannel(ctx, reads.flux(), 1, USER);
        assertEquals("carol/-1", ch.receive());
        // and a flux body reads them back as Chanflow values: the key is the same object on both sides
        assertEquals("carol", ReactorChannels.awaitSingle(ctx, ReactorChannels.mono(c -> c.value(USER)), USER));
        Leaks.awaitNoGoroutines();
    }

    @Test
    void aBodysReactorContextFlowsOnToWhatItAwaits() {
        Mono<String> inner = Mono.deferContextual(cv -> Mono.just(cv.get("trace")));
        Flux<String> outer = ReactorChannels.flux((ctx, out) -> out.send(ReactorChannels.awaitSingle(ctx, inner)));
        StepVerifier.create(outer.contextWrite(reactor.util.context.Context.of("trace", "t-9")))
                .expectNext("t-9")
                .verifyComplete();
        Leaks.awaitNoGoroutines();
    }
}
