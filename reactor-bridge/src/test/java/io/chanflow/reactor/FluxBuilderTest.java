package io.chanflow.reactor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.test.CheckGoroutineLeaks;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The {@code flux}/{@code mono} builders and channel → Flux: demand, cancellation, errors, hooks, threads. */
@CheckGoroutineLeaks
class FluxBuilderTest {

    @AfterEach
    void resetHooks() {
        Hooks.resetOnErrorDropped();
    }

    @Test
    void sendWaitsForDemandExactly() {
        AtomicInteger sent = new AtomicInteger();
        Flux<Integer> flux = ReactorChannels.flux((ctx, out) -> {
            for (int i = 0; ; i++) {
                out.send(i);
                sent.incrementAndGet();
            }
        });
        StepVerifier.create(flux, 0)
                .expectSubscription()
                .then(() -> assertEquals(0, sent.get(), "no demand, nothing handed over"))
                .thenRequest(2)
                .expectNext(0, 1)
                .then(() -> await().until(() -> sent.get() == 2))
                .thenRequest(3)
                .expectNext(2, 3, 4)
                .then(() -> assertTrue(sent.get() <= 5, "never ahead of demand on capacity 0: " + sent.get()))
                .thenCancel()
                .verify();
        Leaks.awaitNoGoroutines();
        assertEquals(5, sent.get());
    }

    @Test
    void capacityIsHowFarTheBodyRunsAhead() {
        AtomicInteger sent = new AtomicInteger();
        Flux<Integer> flux = ReactorChannels.flux(4, (ctx, out) -> {
            for (int i = 0; ; i++) {
                out.send(i);
                sent.incrementAndGet();
            }
        });
        StepVerifier.create(flux, 1)
                .expectNext(0)
                .then(() -> await().until(() -> sent.get() == 5)) // 1 delivered + 4 buffered
                .thenCancel()
                .verify();
        Leaks.awaitNoGoroutines();
        assertEquals(5, sent.get());
    }

    @Test
    void cancelCancelsTheBodysContext() throws Exception {
        AtomicReference<Context> bodyCtx = new AtomicReference<>();
        AtomicReference<Throwable> sendFailure = new AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        Flux<String> flux = ReactorChannels.flux((ctx, out) -> {
            bodyCtx.set(ctx);
            try {
                out.send("a");
                out.send("b"); // no demand: blocks until the cancel
            } catch (RuntimeException e) {
                sendFailure.set(e);
                throw e;
            } finally {
                ended.countDown();
            }
        });
        StepVerifier.create(flux, 1).expectNext("a").thenCancel().verify();
        assertTrue(ended.await(10, TimeUnit.SECONDS));
        assertInstanceOf(CancellationException.class, bodyCtx.get().err());
        assertInstanceOf(CancellationException.class, sendFailure.get());
        Leaks.awaitNoGoroutines();
    }

    @Test
    void parentContextCancelFailsTheFlux() {
        CancelContext parent = Context.withCancel(Context.background());
        Flux<Integer> flux = ReactorChannels.flux(parent, 0, (ctx, out) -> {
            ctx.done().receiveOrClosed(); // until cancelled
        });
        StepVerifier.create(flux)
                .expectSubscription()
                .then(parent::cancel)
                .expectError(CancellationException.class)
                .verify();
        Leaks.awaitNoGoroutines();
    }

    @Test
    void channelContextCancelFailsTheFluxAndSubscriberCancelCancelsIt() {
        CancelContext ctx = Context.withCancel(Context.background());
        Channel<Integer> ch = Channel.make(0);
        StepVerifier.create(ReactorChannels.flux(ctx, ch))
                .expectSubscription()
                .then(ctx::cancel)
                .expectError(CancellationException.class)
                .verify();

        CancelContext ctx2 = Context.withCancel(Context.background());
        Channel<Integer> ch2 = Channel.make(0);
        Go.go(() -> {
            try {
                for (int i = 0; ; i++) {
                    ch2.send(ctx2, i);
                }
            } catch (CancellationException stopped) {
                // the subscriber cancelled: the feeder's context is done
            }
        });
        StepVerifier.create(ReactorChannels.flux(ctx2, ch2), 3)
                .expectNext(0, 1, 2)
                .thenCancel()
                .verify();
        await().until(() -> ctx2.err() != null);
        Leaks.awaitNoGoroutines();
    }

    @Test
    void channelCloseCompletesAndCauseFails() {
        Channel<String> ch = Channel.make(3);
        Go.go(() -> {
            ch.send("x");
            ch.send("y");
            ch.close();
        });
        StepVerifier.create(ReactorChannels.flux(ch)).expectNext("x", "y").verifyComplete();

        Channel<String> failed = Channel.make(1);
        failed.close(new IllegalStateException("boom"));
        StepVerifier.create(ReactorChannels.flux(failed)).verifyErrorMessage("boom");
        Leaks.awaitNoGoroutines();
    }

    @Test
    void channelFluxIsUnicast() {
        Channel<Integer> ch = Channel.make(0);
        Flux<Integer> flux = ReactorChannels.flux(ch);
        reactor.core.Disposable first = flux.subscribe();
        StepVerifier.create(flux).expectError(IllegalStateException.class).verify();
        first.dispose();
        ch.close();
        Leaks.awaitNoGoroutines();
    }

    @Test
    void bodyErrorsAndReturnsAreTheStreamsEnd() {
        StepVerifier.create(ReactorChannels.<Integer>flux((ctx, out) -> {
            out.send(1);
            throw new java.io.IOException("disk");
        })).expectNext(1).verifyErrorMessage("disk");
        StepVerifier.create(ReactorChannels.<Integer>flux((ctx, out) -> out.send(7))).expectNext(7).verifyComplete();
        Leaks.awaitNoGoroutines();
    }

    @Test
    void monoValueEmptyAndError() {
        StepVerifier.create(ReactorChannels.mono(ctx -> "v")).expectNext("v").verifyComplete();
        StepVerifier.create(ReactorChannels.mono(ctx -> null)).verifyComplete();
        StepVerifier.create(ReactorChannels.mono(ctx -> {
            throw new IllegalArgumentException("bad");
        })).verifyErrorMessage("bad");
        StepVerifier.create(ReactorChannels.mono(ctx -> "later"), 0)
                .expectSubscription()
                .thenRequest(1)
                .expectNext("later")
                .verifyComplete();
        Leaks.awaitNoGoroutines();
    }

    @Test
    void monoCancelCancelsTheBodysContext() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Context> bodyCtx = new AtomicReference<>();
        Mono<String> mono = ReactorChannels.mono(ctx -> {
            bodyCtx.set(ctx);
            started.countDown();
            ctx.done().receiveOrClosed();
            return "too late";
        });
        StepVerifier.create(mono)
                .expectSubscription()
                .then(() -> await().until(() -> started.getCount() == 0))
                .thenCancel()
                .verify();
        await().until(() -> bodyCtx.get().err() != null);
        Leaks.awaitNoGoroutines();
    }

    @Test
    void errorAfterCancelGoesToOnErrorDropped() {
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        Flux<Integer> flux = ReactorChannels.flux((ctx, out) -> {
            out.send(1);
            ctx.done().receiveOrClosed();
            throw new IllegalStateException("late failure");
        });
        StepVerifier.create(flux, 1).expectNext(1).thenCancel().verify();
        await().until(() -> !dropped.isEmpty());
        Leaks.awaitNoGoroutines();
        assertEquals(1, dropped.size());
        assertEquals("late failure", dropped.get(0).getMessage());
    }

    @Test
    void cancellationItselfIsNotADroppedError() {
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        Flux<Integer> flux = ReactorChannels.flux((ctx, out) -> {
            for (int i = 0; ; i++) {
                out.send(i);
            }
        });
        StepVerifier.create(flux, 2).expectNext(0, 1).thenCancel().verify();
        Leaks.awaitNoGoroutines();
        assertEquals(List.of(), dropped);
    }

    @Test
    void elementsBufferedAtCancelGoToTheDiscardHook() {
        List<Integer> discarded = new CopyOnWriteArrayList<>();
        AtomicInteger sent = new AtomicInteger();
        Flux<Integer> flux = ReactorChannels.flux(4, (ctx, out) -> {
            for (int i = 0; ; i++) {
                out.send(i);
                sent.incrementAndGet();
            }
        });
        StepVerifier.create(flux.doOnDiscard(Integer.class, discarded::add), 1)
                .expectNext(0)
                .then(() -> await().until(() -> sent.get() == 5))
                .thenCancel()
                .verify();
        Leaks.awaitNoGoroutines();
        assertEquals(List.of(1, 2, 3, 4), discarded);
    }

    @Test
    void signalsComeFromTheEmitterGoroutineNotAReactorThread() {
        Thread test = Thread.currentThread();
        List<Thread> seen = new CopyOnWriteArrayList<>();
        Flux<Integer> built = ReactorChannels.flux((ctx, out) -> {
            out.send(1);
            out.send(2);
        });
        StepVerifier.create(built.doOnNext(i -> seen.add(Thread.currentThread()))).expectNext(1, 2).verifyComplete();
        Channel<Integer> ch = Channel.make(2);
        Go.go(() -> {
            ch.send(3);
            ch.close();
        });
        StepVerifier.create(ReactorChannels.flux(ch).doOnNext(i -> seen.add(Thread.currentThread())))
                .expectNext(3).verifyComplete();
        assertEquals(3, seen.size());
        for (Thread t : seen) {
            assertTrue(t.isVirtual(), "an emitter goroutine: " + t);
            assertNotSame(test, t);
            assertTrue(!t.getName().startsWith("parallel") && !t.getName().startsWith("boundedElastic"), t.getName());
        }
        Leaks.awaitNoGoroutines();
    }

    @Test
    void aThrowingSubscriberOfAChannelFluxReachesOnErrorDropped() {
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        Channel<Integer> ch = Channel.make(1);
        Go.go(() -> {
            ch.send(1);
            ch.close();
        });
        ReactorChannels.flux(ch).subscribe(new org.reactivestreams.Subscriber<Integer>() {
            @Override
            public void onSubscribe(org.reactivestreams.Subscription s) {
                s.request(1);
            }

            @Override
            public void onNext(Integer item) {
                throw new IllegalStateException("subscriber bug");
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        await().until(() -> !dropped.isEmpty());
        Leaks.awaitNoGoroutines();
        assertTrue(dropped.stream().anyMatch(t -> "subscriber bug".equals(t.getMessage())), dropped.toString());
    }
}
