package io.chanflow.flow;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.ChannelIterator;
import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.Received;
import io.chanflow.Select;
import io.chanflow.Channel;
import io.chanflow.context.CancelCauseContext;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.test.CheckGoroutineLeaks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Publisher → channel, by contract. */
@CheckGoroutineLeaks
class ChannelSubscriberTest {

    static RecordingPublisher<Integer> recorded(ChannelSubscriber<Integer> s) {
        RecordingPublisher<Integer> p = new RecordingPublisher<>();
        p.subscribe(s);
        return p;
    }

    @Nested
    class Demand {
        static Stream<Arguments> requestSequences() {
            // capacity, receptions, the exact request(n) sequence expected
            return Stream.of(
                    Arguments.of(0, 3, List.of(1L, 1L, 1L, 1L)), // unbuffered: one at a time
                    Arguments.of(1, 3, List.of(1L, 1L, 1L, 1L)),
                    Arguments.of(4, 7, List.of(4L, 3L, 3L)), // 75 %: batches of 3
                    Arguments.of(8, 5, List.of(8L)), // 5 < 6 received: no refill yet
                    Arguments.of(8, 6, List.of(8L, 6L)),
                    Arguments.of(8, 12, List.of(8L, 6L, 6L)),
                    Arguments.of(256, 192, List.of(256L, 192L)));
        }

        @ParameterizedTest(name = "capacity {0}, {1} received")
        @MethodSource("requestSequences")
        void prefetchEqualsCapacityAndRefillsAtThreeQuarters(int capacity, int receptions, List<Long> expected)
                throws Exception {
            ChannelSubscriber<Integer> s = new ChannelSubscriber<>(Context.background(), capacity);
            RecordingPublisher<Integer> p = recorded(s);
            int emitted = 0;
            for (int i = 0; i < receptions; i++) {
                while (emitted < p.totalRequested() && emitted < receptions) {
                    p.next(emitted++); // emit exactly what was requested, from the publisher's thread
                }
                assertEquals(i, (int) s.channel().receive());
            }
            assertEquals(expected, p.requests);
            assertTrue(p.totalRequested() - receptions <= Math.max(capacity, 1), "never more outstanding than the buffer");
            p.complete();
        }

        @ParameterizedTest(name = "capacity {0}")
        @ValueSource(ints = {0, 1, 16})
        void onNextNeverBlocksThePublisher(int capacity) {
            ChannelSubscriber<Integer> s = new ChannelSubscriber<>(Context.background(), capacity);
            RecordingPublisher<Integer> p = recorded(s);
            long requested = p.totalRequested();
            assertEquals(Math.max(capacity, 1), requested);
            for (int i = 0; i < requested; i++) {
                p.next(i); // no consumer at all: returns at once
            }
            assertEquals(capacity, s.channel().cap());
            assertEquals(requested, s.channel().len());
            p.complete();
        }

        @Test
        void aPublisherThatIgnoresDemandIsCancelledAndTheChannelFails() throws Exception { // §1.1
            ChannelSubscriber<Integer> s = new ChannelSubscriber<>(Context.background(), 2);
            RecordingPublisher<Integer> p = recorded(s);
            p.next(1);
            p.next(2);
            p.next(3); // beyond the demand of 2
            assertTrue(p.cancelled);
            ReceiveChannel<Integer> ch = s.channel();
            assertEquals(1, ch.receive());
            assertEquals(2, ch.receive());
            IllegalStateException e = assertThrows(IllegalStateException.class, ch::receive);
            assertTrue(e.getMessage().contains("1.1"), e.getMessage());
        }
    }

    @Nested
    class Termination {
        @ParameterizedTest(name = "capacity {0}")
        @ValueSource(ints = {0, 1, 16})
        void onCompleteClosesTheChannelAfterTheBufferedElements(int capacity) throws Exception {
            ChannelSubscriber<Integer> s = new ChannelSubscriber<>(Context.background(), capacity);
            RecordingPublisher<Integer> p = recorded(s);
            p.next(7);
            p.complete();
            assertEquals(7, s.channel().receive());
            assertTrue(s.channel().receiveOrClosed().isClosed());
        }

        @ParameterizedTest(name = "capacity {0}")
        @ValueSource(ints = {0, 1, 16})
        void onErrorIsThrownByReceiveAfterTheBufferedElements(int capacity) throws Exception {
            ChannelSubscriber<Integer> s = new ChannelSubscriber<>(Context.background(), capacity);
            RecordingPublisher<Integer> p = recorded(s);
            p.next(7);
            IllegalStateException boom = new IllegalStateException("boom");
            p.fail(boom);
            assertEquals(7, s.channel().receive());
            assertSame(boom, assertThrows(IllegalStateException.class, s.channel()::receive));
            Received<Integer> r = s.channel().receiveOrClosed();
            assertTrue(r.isClosed());
            assertSame(boom, r.cause());
        }

        @Test
        void aCheckedErrorComesWrappedInChannelClosedException() throws Exception {
            ChannelSubscriber<Integer> s = new ChannelSubscriber<>(Context.background(), 1);
            java.io.IOException io = new java.io.IOException("io");
            recorded(s).fail(io);
            io.chanflow.ChannelClosedException e =
                    assertThrows(io.chanflow.ChannelClosedException.class, s.channel()::receive);
            assertSame(io, e.getCause());
        }

        @Test
        void aBlockedReceiverWakesOnCompletion() throws Exception {
            ChannelSubscriber<Integer> s = new ChannelSubscriber<>(Context.background(), 0);
            RecordingPublisher<Integer> p = recorded(s);
            AtomicReference<Received<Integer>> got = new AtomicReference<>();
            Thread consumer = Go.go(() -> got.set(s.channel().receiveOrClosed()));
            await().atMost(Duration.ofSeconds(10)).until(() -> consumer.getState() == Thread.State.WAITING);
            p.complete();
            consumer.join(10_000);
            assertTrue(got.get().isClosed());
        }
    }

    @Nested
    class Cancellation {
        @Test
        void cancellingTheContextCancelsTheSubscriptionAndFailsTheChannelWithTheCause() throws Exception {
            CancelCauseContext ctx = Context.withCancelCause(Context.background());
            ChannelSubscriber<Integer> s = new ChannelSubscriber<>(ctx, 4);
            RecordingPublisher<Integer> p = recorded(s);
            p.next(1);
            IllegalStateException why = new IllegalStateException("stop");
            ctx.cancel(why);
            await().atMost(Duration.ofSeconds(10)).until(() -> p.cancelled);
            assertEquals(1, s.channel().receive(), "buffered elements first");
            assertSame(why, assertThrows(IllegalStateException.class, s.channel()::receive));
            p.next(2); // §2.8: late elements after cancel are accepted and dropped
        }

        @Test
        void anAlreadyCancelledContextCancelsOnSubscribe() throws Exception {
            CancelContext ctx = Context.withCancel(Context.background());
            ctx.cancel();
            ChannelSubscriber<Integer> s = new ChannelSubscriber<>(ctx, 4);
            RecordingPublisher<Integer> p = recorded(s);
            assertTrue(p.cancelled);
            assertEquals(List.of(), p.requests);
            assertSame(Context.CANCELED, assertThrows(java.util.concurrent.CancellationException.class, s.channel()::receive));
        }

        @Test
        void closingTheIteratorEarlyCancelsTheSubscription() throws Exception {
            ChannelSubscriber<Integer> s = new ChannelSubscriber<>(Context.background(), 4);
            RecordingPublisher<Integer> p = recorded(s);
            p.next(1);
            p.next(2);
            try (ChannelIterator<Integer> it = s.channel().iterator()) {
                assertEquals(1, it.next());
            }
            assertTrue(p.cancelled);
        }

        @Test
        void closingAStreamEarlyCancelsTheSubscription() throws Exception {
            ChannelSubscriber<Integer> s = new ChannelSubscriber<>(Context.background(), 4);
            RecordingPublisher<Integer> p = recorded(s);
            for (int i = 0; i < 4; i++) {
                p.next(i);
            }
            try (Stream<Integer> st = s.channel().stream()) {
                assertEquals(List.of(0, 1), st.limit(2).toList());
            }
            assertTrue(p.cancelled);
        }

        @Test
        void aDrainedIteratorDoesNotCancel() throws Exception {
            ChannelSubscriber<Integer> s = new ChannelSubscriber<>(Context.background(), 4);
            RecordingPublisher<Integer> p = recorded(s);
            p.next(1);
            p.complete();
            try (ChannelIterator<Integer> it = s.channel().iterator()) {
                while (it.hasNext()) {
                    it.next();
                }
            }
            assertFalse(p.cancelled);
        }

        @Test
        void aSecondOnSubscribeIsCancelled() { // §2.5
            ChannelSubscriber<Integer> s = new ChannelSubscriber<>(Context.background(), 4);
            RecordingPublisher<Integer> first = recorded(s);
            RecordingPublisher<Integer> second = recorded(s);
            assertTrue(second.cancelled);
            assertEquals(List.of(), second.requests);
            assertFalse(first.cancelled);
        }

        @Test
        void nullSignalsAreRejected() { // §2.13
            ChannelSubscriber<Integer> s = new ChannelSubscriber<>(Context.background(), 4);
            assertThrows(NullPointerException.class, () -> s.onSubscribe((Flow.Subscription) null));
            assertThrows(NullPointerException.class, () -> s.onSubscribe((org.reactivestreams.Subscription) null));
            recorded(s);
            assertThrows(NullPointerException.class, () -> s.onNext(null));
            assertThrows(NullPointerException.class, () -> s.onError(null));
        }
    }

    @Nested
    class Concurrency {
        @ParameterizedTest(name = "capacity {0}")
        @ValueSource(ints = {0, 1, 7, 64})
        void manyConsumersReceiveEveryElementExactlyOnce(int capacity) throws Exception {
            int n = 20_000;
            int consumers = 4;
            SubmissionPublisher<Integer> pub = new SubmissionPublisher<>(Runnable::run, 64); // emits on the submitter
            ReceiveChannel<Integer> ch = FlowChannels.subscribe(Context.background(), (Flow.Publisher<Integer>) pub,
                    capacity);
            Thread producer = Go.go(() -> {
                for (int i = 0; i < n; i++) {
                    pub.submit(i);
                }
                pub.close();
            });
            BitSet[] seen = new BitSet[consumers];
            Thread[] threads = new Thread[consumers];
            for (int c = 0; c < consumers; c++) {
                BitSet mine = seen[c] = new BitSet(n);
                threads[c] = Go.go(() -> {
                    for (int v : ch) {
                        mine.set(v);
                    }
                });
            }
            producer.join(30_000);
            for (Thread t : threads) {
                t.join(30_000);
            }
            BitSet all = new BitSet(n);
            int total = 0;
            for (BitSet b : seen) {
                total += b.cardinality();
                all.or(b);
            }
            assertEquals(n, all.cardinality(), "every element arrived");
            assertEquals(n, total, "no element arrived twice");
        }

        @Test
        void theChannelWorksInASelect() throws Exception {
            ChannelSubscriber<Integer> s = new ChannelSubscriber<>(Context.background(), 0);
            RecordingPublisher<Integer> p = recorded(s);
            Channel<String> other = Channel.make();
            AtomicReference<Object> got = new AtomicReference<>();
            Thread selector = Go.go(() -> Select.select()
                    .receive(s.channel(), got::set)
                    .receive(other, got::set)
                    .run());
            await().atMost(Duration.ofSeconds(10)).until(() -> selector.getState() == Thread.State.WAITING);
            p.next(42); // handed straight to the parked select
            selector.join(10_000);
            assertEquals(42, got.get());
            assertEquals(List.of(1L, 1L), p.requests, "the hand-off counted as taken: one more requested");
            p.complete();
        }

        @Test
        void cancellationStormLosesNothingReceivedAndLeavesNoGoroutine() throws Exception {
            for (int round = 0; round < 100; round++) {
                CancelContext ctx = Context.withCancel(Context.background());
                AtomicInteger produced = new AtomicInteger();
                ChannelPublisher<Integer> pub = FlowChannels.produce((c, out) -> {
                    for (int i = 0; ; i++) {
                        out.send(i);
                        produced.incrementAndGet();
                    }
                });
                ReceiveChannel<Integer> ch = FlowChannels.subscribe(ctx, pub, round % 5);
                List<Integer> got = new ArrayList<>();
                CountDownLatch some = new CountDownLatch(round % 7);
                Thread consumer = Go.go(() -> {
                    try {
                        for (int v : ch) {
                            got.add(v);
                            some.countDown();
                        }
                    } catch (java.util.concurrent.CancellationException expected) {
                        // the channel fails with the context's error once drained
                    }
                });
                assertTrue(some.await(10, TimeUnit.SECONDS));
                ctx.cancel();
                consumer.join(10_000);
                assertFalse(consumer.isAlive());
                assertEquals(IntStream.range(0, got.size()).boxed().toList(), got, "in order, no gap, no duplicate");
                Leaks.awaitNoGoroutines();
            }
        }
    }

    @Test
    void negativeCapacityIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ChannelSubscriber<Integer>(Context.background(), -1));
        assertThrows(NullPointerException.class, () -> new ChannelSubscriber<Integer>(null, 1));
    }
}
