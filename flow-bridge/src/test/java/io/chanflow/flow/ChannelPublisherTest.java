package io.chanflow.flow;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.context.CancelCauseContext;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.test.CheckGoroutineLeaks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Channel → publisher and the producer builder, by contract. */
@CheckGoroutineLeaks
class ChannelPublisherTest {

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    /** A channel fed with 0..n-1 by a goroutine, then closed. */
    static Channel<Integer> fed(int capacity, int n) {
        Channel<Integer> ch = Channel.make(capacity);
        Go.go(() -> {
            for (int i = 0; i < n; i++) {
                ch.send(i);
            }
            ch.close();
        });
        return ch;
    }

    @Nested
    class Delivery {
        @ParameterizedTest(name = "capacity {0}")
        @ValueSource(ints = {0, 1, 16})
        void channelPublisherDeliversEverythingInOrderThenCompletes(int capacity) throws Exception {
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE);
            FlowChannels.publish(fed(capacity, 500)).subscribe(s);
            s.awaitTerminated();
            assertEquals(range(500), s.items);
            assertEquals(1, s.completions.get());
            assertEquals(List.of(), s.violations);
        }

        @ParameterizedTest(name = "capacity {0}")
        @ValueSource(ints = {0, 1, 16})
        void producerDeliversEverythingInOrderThenCompletes(int capacity) throws Exception {
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(7); // re-requests below
            ChannelPublisher<Integer> p = FlowChannels.produce(capacity, (ctx, out) -> {
                for (int i = 0; i < 300; i++) {
                    out.send(i);
                }
            });
            p.subscribe(s);
            s.awaitSubscription();
            for (int got = 7; got < 300; got += 7) {
                s.awaitItems(got);
                s.subscription.request(7);
            }
            s.awaitTerminated();
            assertEquals(range(300), s.items);
            assertEquals(1, s.completions.get());
            assertEquals(List.of(), s.violations);
        }

        @Test
        void producerIsColdEachSubscriberRunsTheBodyAfresh() throws Exception {
            AtomicInteger runs = new AtomicInteger();
            ChannelPublisher<Integer> p = FlowChannels.produce((ctx, out) -> {
                runs.incrementAndGet();
                for (int i = 0; i < 10; i++) {
                    out.send(i);
                }
            });
            RecordingSubscriber<Integer> a = new RecordingSubscriber<>(Long.MAX_VALUE);
            RecordingSubscriber<Integer> b = new RecordingSubscriber<>(Long.MAX_VALUE);
            p.subscribe(a);
            p.subscribe(b); // concurrently: a producer is not unicast
            a.awaitTerminated();
            b.awaitTerminated();
            assertEquals(range(10), a.items);
            assertEquals(range(10), b.items);
            assertEquals(2, runs.get());
        }

        @Test
        void reactiveStreamsSubscriberGetsTheSameSignals() throws Exception {
            List<Integer> got = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            FlowChannels.publish(fed(4, 50)).subscribe(new org.reactivestreams.Subscriber<Integer>() {
                @Override
                public void onSubscribe(org.reactivestreams.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(Integer t) {
                    got.add(t);
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onComplete() {
                    done.countDown();
                }
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(range(50), got);
        }
    }

    @Nested
    class Backpressure {
        @ParameterizedTest(name = "capacity {0}")
        @ValueSource(ints = {0, 1, 16})
        void sendBlocksOnceTheBufferIsFullAndThereIsNoDemand(int capacity) throws Exception {
            AtomicInteger sent = new AtomicInteger();
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(3);
            FlowChannels.<Integer>produce(capacity, (ctx, out) -> {
                for (int i = 0; ; i++) {
                    out.send(i);
                    sent.incrementAndGet();
                }
            }).subscribe(s);
            s.awaitItems(3);
            // 3 delivered, `capacity` buffered ahead, and the next send blocked: nothing more is produced.
            await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() == 3 + capacity);
            await().pollDelay(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1))
                    .until(() -> sent.get() == 3 + capacity && s.items.size() == 3);
            s.subscription.request(2);
            s.awaitItems(5);
            await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() == 5 + capacity);
            assertEquals(range(5), s.items);
            s.subscription.cancel();
        }

        @Test
        void channelPublisherReceivesOnlyWhatWasRequested() throws Exception {
            Channel<Integer> ch = Channel.make(10);
            for (int i = 0; i < 10; i++) {
                ch.send(i);
            }
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(4);
            FlowChannels.publish(ch).subscribe(s);
            s.awaitItems(4);
            await().pollDelay(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> ch.len() == 6);
            assertEquals(range(4), s.items);
            s.subscription.cancel();
            assertEquals(6, ch.len(), "a cancelled subscription takes nothing more");
        }

        @Test
        void demandAddsUpToUnboundedWithoutOverflow() throws Exception { // §3.17
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE - 1);
            FlowChannels.publish(fed(0, 100)).subscribe(s);
            s.awaitSubscription().request(Long.MAX_VALUE);
            s.subscription.request(5);
            s.awaitTerminated();
            assertEquals(range(100), s.items);
        }
    }

    @Nested
    class Cancellation {
        @Test
        void subscriberCancelCancelsTheProducersContextAndWakesABlockedSend() throws Exception {
            AtomicReference<Throwable> bodyEnd = new AtomicReference<>();
            CountDownLatch bodyDone = new CountDownLatch(1);
            AtomicReference<Context> bodyCtx = new AtomicReference<>();
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(1);
            FlowChannels.<Integer>produce((ctx, out) -> {
                bodyCtx.set(ctx);
                try {
                    for (int i = 0; ; i++) {
                        out.send(i);
                    }
                } catch (Throwable t) {
                    bodyEnd.set(t);
                    bodyDone.countDown();
                    throw t;
                }
            }).subscribe(s);
            s.awaitItems(1);
            s.subscription.cancel();
            assertTrue(bodyDone.await(10, TimeUnit.SECONDS));
            assertSame(Context.CANCELED, bodyEnd.get(), "the blocked send wakes with the context's error");
            assertSame(Context.CANCELED, bodyCtx.get().err());
            await().pollDelay(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> !s.isTerminated());
            assertEquals(List.of(0), s.items, "nothing after cancel but the element in flight");
        }

        @Test
        void subscriberCancelCancelsTheContextGivenToPublish() throws Exception {
            CancelContext ctx = Context.withCancel(Context.background());
            Channel<Integer> ch = Channel.make();
            Thread feeder = Go.go(() -> {
                for (int i = 0; ; i++) {
                    ch.send(ctx, i); // stops when the subscriber cancels
                }
            });
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(2);
            FlowChannels.publish(ctx, ch).subscribe(s);
            s.awaitItems(2);
            s.subscription.cancel();
            assertSame(Context.CANCELED, ctx.err());
            feeder.join(10_000);
            assertEquals(range(2), s.items);
        }

        @Test
        void outsideCancellationEndsTheSubscriptionWithTheCause() throws Exception {
            CancelCauseContext parent = Context.withCancelCause(Context.background());
            AtomicReference<Throwable> bodyEnd = new AtomicReference<>();
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(1);
            FlowChannels.<Integer>produce(parent, 0, (ctx, out) -> {
                try {
                    for (int i = 0; ; i++) {
                        out.send(i);
                    }
                } catch (CancellationException e) {
                    bodyEnd.set(e);
                    throw e;
                }
            }).subscribe(s);
            s.awaitItems(1);
            IllegalStateException why = new IllegalStateException("shutting down");
            parent.cancel(why);
            s.awaitTerminated();
            assertSame(why, s.error.get());
            await().atMost(Duration.ofSeconds(10)).until(() -> bodyEnd.get() != null);
            assertEquals(List.of(), s.violations);
        }

        @Test
        void alreadyCancelledContextFailsTheSubscriberAtOnce() throws Exception {
            CancelContext ctx = Context.withCancel(Context.background());
            ctx.cancel();
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(1);
            FlowChannels.publish(ctx, fed(0, 0)).subscribe(s);
            s.awaitTerminated();
            assertSame(Context.CANCELED, s.error.get());
        }

        @Test
        void cancelRacingOnNextLosesNothingThatWasSent() throws Exception {
            for (int round = 0; round < 200; round++) {
                AtomicInteger sent = new AtomicInteger();
                CountDownLatch bodyDone = new CountDownLatch(1);
                List<Object> discarded = java.util.Collections.synchronizedList(new ArrayList<>());
                RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE);
                FlowChannels.<Integer>produce(Context.background(), 0, discarding(discarded), (ctx, out) -> {
                    try {
                        for (int i = 0; ; i++) {
                            out.send(i); // unbuffered: returns only once the emitter took the element
                            sent.incrementAndGet();
                        }
                    } finally {
                        bodyDone.countDown();
                    }
                }).subscribe(s);
                int cancelAt = round % 20;
                s.awaitSubscription();
                s.awaitItems(cancelAt);
                s.subscription.cancel();
                assertTrue(bodyDone.await(10, TimeUnit.SECONDS));
                // The emitter may still be handling the element it took: wait for it to end.
                Leaks.awaitNoGoroutines();
                int n = sent.get();
                List<Object> all = new ArrayList<>(s.items);
                all.addAll(discarded);
                assertEquals(new ArrayList<Object>(range(n)), all,
                        "round " + round + ": every sent element delivered or discarded, once, in order");
                // Discarded: what the emitter had taken but not signalled when it saw the cancel. That can be more
                // than one element even unbuffered: a drain takes the body's deposit, the body's next send deposits
                // again while the drain still holds the lock, and the same drain takes that too. Both sends
                // returned, so both are the subscription's: never more than one drained chunk.
                assertTrue(discarded.size() <= ChannelSubscription.MAX_BATCH,
                        "at most the chunk in flight is discarded: " + discarded);
                assertEquals(List.of(), s.violations);
            }
        }
    }

    /** An {@link Undeliverable} that records the discarded elements and reports errors as the default does. */
    static Undeliverable discarding(List<Object> discarded) {
        return new Undeliverable() {
            @Override
            public void errorDropped(Throwable error) {
                Undeliverable.DEFAULT.errorDropped(error);
            }

            @Override
            public void elementDiscarded(Object element) {
                discarded.add(element);
            }
        };
    }

    @Nested
    class Termination {
        @Test
        void aThrowingBodyFailsTheSubscriber() throws Exception {
            IllegalStateException boom = new IllegalStateException("boom");
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE);
            FlowChannels.<Integer>produce(4, (ctx, out) -> {
                out.send(1);
                out.send(2);
                throw boom;
            }).subscribe(s);
            s.awaitTerminated();
            assertEquals(List.of(1, 2), s.items, "elements sent before the failure come first");
            assertSame(boom, s.error.get());
        }

        @Test
        void aCheckedExceptionFromTheBodyReachesTheSubscriberUnwrapped() throws Exception {
            Exception checked = new java.io.IOException("disk");
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(1);
            FlowChannels.<Integer>produce((ctx, out) -> {
                throw checked;
            }).subscribe(s);
            s.awaitTerminated();
            assertSame(checked, s.error.get());
        }

        @Test
        void aChannelClosedWithACauseFailsTheSubscriberAfterItsElements() throws Exception {
            Channel<Integer> ch = Channel.make(3);
            ch.send(1);
            ch.send(2);
            RuntimeException cause = new RuntimeException("upstream failed");
            ch.close(cause);
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE);
            FlowChannels.publish(ch).subscribe(s);
            s.awaitTerminated();
            assertEquals(List.of(1, 2), s.items);
            assertSame(cause, s.error.get());
        }

        @Test
        void theBodyMayCloseItsChannelItself() throws Exception {
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE);
            FlowChannels.<Integer>produce(2, (ctx, out) -> {
                out.send(1);
                out.close();
            }).subscribe(s);
            s.awaitTerminated();
            assertEquals(List.of(1), s.items);
            assertEquals(1, s.completions.get());
        }
    }

    @Nested
    class Rules {
        @ParameterizedTest(name = "request({0})")
        @ValueSource(longs = {0, -1, Long.MIN_VALUE})
        void nonPositiveRequestSignalsIllegalArgumentAndCancelsTheProducer(long n) throws Exception { // §3.9
            AtomicReference<Context> bodyCtx = new AtomicReference<>();
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(0);
            FlowChannels.<Integer>produce((ctx, out) -> {
                bodyCtx.set(ctx);
                for (int i = 0; ; i++) {
                    out.send(i);
                }
            }).subscribe(s);
            s.awaitSubscription().request(n);
            s.awaitTerminated();
            IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, s.error.get());
            assertTrue(e.getMessage().contains("3.9"), e.getMessage());
            await().atMost(Duration.ofSeconds(10)).until(() -> bodyCtx.get() != null && bodyCtx.get().err() != null);
        }

        @Test
        void aSecondConcurrentSubscriberToAChannelIsRejected() throws Exception { // §1.9, §2.5
            Channel<Integer> ch = Channel.make();
            ChannelPublisher<Integer> p = FlowChannels.publish(ch);
            RecordingSubscriber<Integer> first = new RecordingSubscriber<>(1);
            p.subscribe(first);
            first.awaitSubscription();
            RecordingSubscriber<Integer> second = new RecordingSubscriber<>(1);
            p.subscribe(second);
            second.awaitTerminated();
            assertInstanceOf(IllegalStateException.class, second.error.get());
            assertEquals(List.of(), second.items);
            ch.send(42);
            first.awaitItems(1);
            assertEquals(List.of(42), first.items, "the first subscription is untouched");
            first.subscription.cancel();
        }

        @Test
        void afterASubscriptionEndsTheNextSubscriberContinuesWithWhatIsLeft() throws Exception {
            Channel<Integer> ch = Channel.make(6);
            for (int i = 0; i < 6; i++) {
                ch.send(i);
            }
            ch.close();
            ChannelPublisher<Integer> p = FlowChannels.publish(ch);
            RecordingSubscriber<Integer> first = new RecordingSubscriber<>(2);
            p.subscribe(first);
            first.awaitItems(2);
            first.subscription.cancel();
            Leaks.awaitNoGoroutines();
            RecordingSubscriber<Integer> second = new RecordingSubscriber<>(Long.MAX_VALUE);
            p.subscribe(second);
            second.awaitTerminated();
            assertEquals(List.of(2, 3, 4, 5), second.items);
        }

        @Test
        void aSubscriberArrivingFromInsideTheTerminalSignalIsServedNotRejected() throws Exception {
            IllegalStateException cause = new IllegalStateException("closed with a cause");
            Channel<Integer> ch = Channel.make(1);
            ch.send(1);
            ch.close(cause);
            ChannelPublisher<Integer> p = FlowChannels.publish(ch);
            RecordingSubscriber<Integer> second = new RecordingSubscriber<>(Long.MAX_VALUE);
            RecordingSubscriber<Integer> first = new RecordingSubscriber<>(Long.MAX_VALUE) {
                @Override
                public void onError(Throwable t) {
                    p.subscribe(second); // a retry: from inside onError, before the emitter returned
                    super.onError(t);
                }
            };
            p.subscribe(first);
            first.awaitTerminated();
            second.awaitTerminated();
            assertEquals(List.of(1), first.items);
            assertSame(cause, first.error.get());
            assertSame(cause, second.error.get(), "served: the channel's closure, not a unicast violation");
            assertEquals(List.of(), second.items);
        }

        @Test
        void aSubscriberArrivingFromInsideAnOutsideCancellationsOnErrorGetsTheCause() throws Exception {
            CancelContext ctx = Context.withCancel(Context.background());
            ChannelPublisher<Integer> p = FlowChannels.publish(ctx, Channel.<Integer>make());
            RecordingSubscriber<Integer> second = new RecordingSubscriber<>(1);
            RecordingSubscriber<Integer> first = new RecordingSubscriber<>(1) {
                @Override
                public void onError(Throwable t) {
                    p.subscribe(second); // a retry from inside onError
                    super.onError(t);
                }
            };
            p.subscribe(first);
            first.awaitSubscription();
            ctx.cancel(); // from outside: onError(Context.cause(ctx))
            first.awaitTerminated();
            second.awaitTerminated();
            assertSame(Context.CANCELED, first.error.get());
            assertSame(Context.CANCELED, second.error.get(), "the context's cause, not a unicast violation");
        }

        @Test
        void nullSubscriberIsRejected() { // §1.9
            ChannelPublisher<Integer> p = FlowChannels.publish(Channel.make());
            assertThrows(NullPointerException.class, () -> p.subscribe((java.util.concurrent.Flow.Subscriber<Integer>) null));
            assertThrows(NullPointerException.class, () -> p.subscribe((org.reactivestreams.Subscriber<Integer>) null));
        }

        @Test
        void signalsComeFromOneThreadNeverTheRequester() throws Exception { // §1.3, §3.3
            RecordingSubscriber<Integer> s = new RecordingSubscriber<>(0) {
                @Override
                public void onNext(Integer item) {
                    super.onNext(item);
                    subscription.request(1); // reentrant request from inside onNext
                }
            };
            FlowChannels.publish(fed(0, 1000)).subscribe(s);
            s.awaitSubscription().request(1);
            s.awaitTerminated();
            assertEquals(range(1000), s.items);
            assertEquals(List.of(), s.violations);
            assertTrue(s.signalThread.get() != Thread.currentThread());
        }

        @Test
        void aThrowingOnNextCancelsTheSubscriptionAndIsReported() throws Exception { // §2.13
            AtomicReference<Throwable> reported = new AtomicReference<>();
            CountDownLatch reportedOnce = new CountDownLatch(1);
            Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
            Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
                reported.set(e);
                reportedOnce.countDown();
            });
            try {
                AtomicReference<Context> bodyCtx = new AtomicReference<>();
                IllegalStateException bug = new IllegalStateException("subscriber bug");
                RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE) {
                    @Override
                    public void onNext(Integer item) {
                        super.onNext(item);
                        throw bug;
                    }
                };
                FlowChannels.<Integer>produce((ctx, out) -> {
                    bodyCtx.set(ctx);
                    for (int i = 0; ; i++) {
                        out.send(i);
                    }
                }).subscribe(s);
                // A latch, not Awaitility: Awaitility would catch the reported exception itself.
                assertTrue(reportedOnce.await(10, TimeUnit.SECONDS));
                assertSame(bug, reported.get());
                await().atMost(Duration.ofSeconds(10)).until(() -> bodyCtx.get().err() != null);
                Leaks.awaitNoGoroutines();
                assertEquals(List.of(0), s.items);
            } finally {
                Thread.setDefaultUncaughtExceptionHandler(before);
            }
        }
    }
}
