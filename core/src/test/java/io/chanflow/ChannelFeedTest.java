package io.chanflow;

import io.chanflow.feed.ChannelFeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link ChannelFeed}: {@code offer} never blocks and fails only on a full buffer;
 * {@link ChannelFeed.Listener#taken(int)} is told exactly once of each element that leaves the channel (with the
 * default batch of 1: once per element), by every receive form and by a direct hand-off to a parked receiver, and
 * of whole batches only when a batch is given; closes are idempotent; {@code iteratorClosed} reports an
 * iterator or stream closed before the channel was drained. Over capacities 0 (which buffers one element), 1
 * and 16.
 */
@Timeout(60)
class ChannelFeedTest {

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    /** Counts the elements reported taken; optionally runs an action on each {@code taken(n)}. */
    static final class Counting implements ChannelFeed.Listener {
        final AtomicInteger taken = new AtomicInteger();
        final AtomicInteger iteratorClosed = new AtomicInteger();
        /** Every {@code n} reported, in order. */
        final List<Integer> reports = Collections.synchronizedList(new ArrayList<>());
        volatile IntConsumer onTaken = n -> { };

        @Override
        public void taken(int n) {
            reports.add(n);
            taken.addAndGet(n);
            onTaken.accept(n);
        }

        @Override
        public void iteratorClosed() {
            iteratorClosed.incrementAndGet();
        }
    }

    /** The number of elements a feed of capacity {@code cap} buffers. */
    static int slots(int cap) {
        return Math.max(cap, 1);
    }

    /** Offers {@code from, from+1, ...} until the buffer is full; returns how many were accepted. */
    static int fill(ChannelFeed<Integer> feed, int cap, int from) {
        for (int i = 0; i < slots(cap); i++) {
            assertTrue(feed.offer(from + i), "room for element " + i);
        }
        return slots(cap);
    }

    /** Every way a receiver can take one element: each must call {@code taken()} exactly once. */
    enum Form {
        RECEIVE, RECEIVE_OR_CLOSED, TRY_RECEIVE, TIMED_RECEIVE, RECEIVE_CTX, RECEIVE_OR_CLOSED_CTX, SELECT_RECEIVE,
        SELECT_RECEIVE_OR_CLOSED, SELECT_WITH_DEFAULT, ITERATOR, STREAM;

        /** Takes one element, blocking if the form blocks. */
        Integer take(ReceiveChannel<Integer> ch) throws InterruptedException {
            try (CancelContext ctx = Context.withCancel(Context.background())) {
                return switch (this) {
                    case RECEIVE -> ch.receive();
                    case RECEIVE_OR_CLOSED -> ch.receiveOrClosed().orElseThrow();
                    case TRY_RECEIVE -> ch.tryReceive().orElseThrow();
                    case TIMED_RECEIVE -> ch.receive(Duration.ofMinutes(1)).orElseThrow();
                    case RECEIVE_CTX -> ch.receive(ctx);
                    case RECEIVE_OR_CLOSED_CTX -> ch.receiveOrClosed(ctx).orElseThrow();
                    case SELECT_RECEIVE -> Select.<Integer>returning().receive(ch, v -> v)
                            .receive(Channel.<Integer>make(), v -> -1).get();
                    case SELECT_RECEIVE_OR_CLOSED -> Select.<Integer>returning()
                            .receiveOrClosed(ch, Received::orElseThrow).get();
                    case SELECT_WITH_DEFAULT -> Select.<Integer>returning().receive(ch, v -> v).otherwise(() -> null)
                            .get();
                    case ITERATOR -> {
                        ChannelIterator<Integer> it = ch.iterator();
                        yield it.next(); // not closed: an abandoned iterator is not an early close
                    }
                    case STREAM -> ch.stream().findFirst().orElseThrow();
                };
            }
        }
    }

    @Nested
    class Offer {
        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void offerBuffersWithoutBlockingAndFailsOnlyWhenFull(int cap) throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(cap, l);
            ReceiveChannel<Integer> ch = feed.channel();
            for (int i = 0; i < slots(cap); i++) {
                assertTrue(feed.offer(i));
                assertEquals(i + 1, ch.len());
            }
            assertFalse(feed.offer(-1), "full: the source sent more than it was asked for");
            assertFalse(feed.offer(-2));
            assertEquals(slots(cap), ch.len(), "a refused offer changes nothing");
            assertEquals(0, l.taken.get(), "nothing left the channel yet");

            assertEquals(0, ch.receive());
            assertEquals(1, l.taken.get());
            assertTrue(feed.offer(100), "a take frees exactly one slot");
            assertFalse(feed.offer(-3));

            List<Integer> rest = new ArrayList<>();
            for (Received<Integer> r = ch.tryReceive(); r.ok(); r = ch.tryReceive()) {
                rest.add(r.value());
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 1; i < slots(cap); i++) {
                expected.add(i);
            }
            expected.add(100);
            assertEquals(expected, rest, "accepted elements in order, refused ones never");
            assertEquals(slots(cap) + 1, l.taken.get());
            assertEquals(0, ch.len());
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void capReportsTheCapacityAskedForAndLenCountsTheBuffer(int cap) throws Exception {
            ChannelFeed<Integer> feed = new ChannelFeed<>(cap, new Counting());
            ReceiveChannel<Integer> ch = feed.channel();
            assertEquals(cap, ch.cap(), "cap 0 stays 0 though one element is buffered");
            assertEquals(0, ch.len());
            feed.offer(1);
            assertEquals(1, ch.len(), "len counts the element waiting, even at cap 0");
            assertEquals(cap, ch.cap());
            ch.receive();
            assertEquals(0, ch.len());
        }

        @Test
        void capacityZeroHoldsExactlyOneElement() throws Exception {
            Counting l = new Counting();
            ChannelFeed<String> feed = new ChannelFeed<>(0, l);
            assertTrue(feed.offer("a"));
            assertFalse(feed.offer("b"));
            assertEquals("a", feed.channel().tryReceive().value());
            assertTrue(feed.channel().tryReceive().wouldBlock());
            assertEquals(1, l.taken.get());
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void anOfferOnAFullBufferReturnsAtOnceEvenWithReceiversAround(int cap) throws Exception {
            ChannelFeed<Integer> feed = new ChannelFeed<>(cap, new Counting());
            fill(feed, cap, 0);
            // offered from a goroutine: a blocking offer would fail the join's bound instead of hanging the test
            assertFalse(Spawned.go(() -> feed.offer(-1)).join());
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Form.class, mode = EnumSource.Mode.EXCLUDE, names = {"TRY_RECEIVE", "SELECT_WITH_DEFAULT"})
        void anOfferHandsStraightToAParkedReceiverAndCountsItOnce(Form form) throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(1, l);
            Spawned<Integer> receiver = Spawned.go(() -> form.take(feed.channel())).awaitBlocked();
            assertTrue(feed.offer(7));
            assertEquals(1, l.taken.get(), "taken() ran on the offering thread before offer returned");
            assertEquals(7, receiver.join());
            assertEquals(0, feed.channel().len(), "a handed-off element never sat in the buffer");
            assertEquals(1, l.taken.get(), "and was not counted again by the receiver");
            assertTrue(feed.offer(8), "the buffer's slot is still free");
            assertFalse(feed.offer(9));
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void anOfferAfterCloseIsAcceptedAndDropped(int cap) throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(cap, l);
            feed.offer(1);
            assertTrue(feed.close());
            assertTrue(feed.offer(2), "a cancelled source may still emit a little");
            for (int i = 0; i < 2 * slots(cap); i++) {
                assertTrue(feed.offer(3 + i), "dropped, never refused, even past the buffer's size");
            }
            assertEquals(1, feed.channel().len());
            assertEquals(1, feed.channel().receive());
            assertTrue(feed.channel().tryReceive().isClosed());
            assertEquals(1, l.taken.get(), "dropped elements never count as taken");
        }

        @Test
        void badArgumentsAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> new ChannelFeed<Integer>(-1, new Counting()));
            assertThrows(NullPointerException.class, () -> new ChannelFeed<Integer>(1, null));
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(1, l);
            assertThrows(NullPointerException.class, () -> feed.offer(null));
            assertEquals(0, feed.channel().len());
            assertTrue(feed.offer(1), "a rejected null took no slot");
            assertThrows(NullPointerException.class, () -> feed.close(null));
            assertTrue(feed.channel().tryReceive().ok(), "a rejected null cause did not close it");
            assertTrue(feed.close());
        }

        @Test
        void batchesOutsideOneToTheBufferSizeAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> new ChannelFeed<Integer>(4, 0, new Counting()));
            assertThrows(IllegalArgumentException.class, () -> new ChannelFeed<Integer>(4, -1, new Counting()));
            IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                    () -> new ChannelFeed<Integer>(4, 5, new Counting()));
            assertTrue(tooBig.getMessage().contains("[1, 4]"), tooBig.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new ChannelFeed<Integer>(0, 2, new Counting()));
            assertThrows(IllegalArgumentException.class, () -> new ChannelFeed<Integer>(-1, 1, new Counting()));
            assertEquals(0, new ChannelFeed<Integer>(0, 1, new Counting()).channel().cap(), "0 buffers one");
            assertEquals(4, new ChannelFeed<Integer>(4, 4, new Counting()).channel().cap());
        }
    }

    @Nested
    class Taken {
        /** With a batch of 3, every form of receive counts toward the batch, and only whole batches are told. */
        @ParameterizedTest(name = "{0}")
        @EnumSource(Form.class)
        void takenIsToldInWholeBatches(Form form) throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(4, 3, l);
            fill(feed, 4, 0);
            assertEquals(0, form.take(feed.channel()));
            assertEquals(1, form.take(feed.channel()));
            assertEquals(List.of(), l.reports, "two of three taken: no batch yet");
            assertEquals(2, form.take(feed.channel()));
            assertEquals(List.of(3), l.reports, "the third completes the batch");
            for (int i = 4; i < 7; i++) {
                assertTrue(feed.offer(i), "three slots were freed");
            }
            assertFalse(feed.offer(-1), "and no more");
            for (int i = 3; i < 6; i++) {
                assertEquals(i, form.take(feed.channel()));
            }
            assertEquals(List.of(3, 3), l.reports);
            assertEquals(6, form.take(feed.channel()));
            assertEquals(List.of(3, 3), l.reports, "the seventh starts the third batch");
            assertEquals(0, feed.channel().len());
        }

        @Test
        void anElementHandedToAParkedReceiverCountsTowardTheBatch() throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(2, 2, l);
            assertTrue(feed.offer(0));
            assertEquals(0, feed.channel().receive());
            assertEquals(List.of(), l.reports);
            Spawned<Integer> parked = Spawned.go(() -> feed.channel().receive()).awaitBlocked();
            assertTrue(feed.offer(1), "handed over by the offering thread");
            assertEquals(1, parked.join());
            assertEquals(List.of(2), l.reports, "told once the hand-over completed the batch");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Form.class)
        void takenRunsOncePerBufferedElementForEveryForm(Form form) throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(4, l);
            fill(feed, 4, 10);
            for (int i = 0; i < 4; i++) {
                assertEquals(10 + i, form.take(feed.channel()));
                assertEquals(i + 1, l.taken.get(), "one element out, one taken()");
                assertEquals(3 - i, feed.channel().len());
            }
            assertEquals(0, l.iteratorClosed.get(), "taking elements is not closing an iterator");
        }

        @Test
        void receivesThatTakeNothingDoNotCountAsTaken() throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(2, l);
            assertTrue(feed.channel().tryReceive().wouldBlock());
            assertTrue(feed.channel().receive(Duration.ofMillis(20)).wouldBlock());
            assertNull(Select.<Integer>returning().receive(feed.channel(), v -> v).otherwise(() -> null).get());
            feed.close(new IllegalStateException("done"));
            assertTrue(feed.channel().tryReceive().isClosed());
            assertThrows(IllegalStateException.class, feed.channel()::receive);
            assertEquals(0, l.taken.get());
        }

        @Test
        void takenRunsWithoutTheChannelLockSoItMayOfferAgain() throws Exception {
            // a source that emits synchronously on request: taken() calls len() and offer() on the same channel,
            // which would deadlock (the channel's lock is not reentrant) if taken() ran under it
            int n = 500;
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(1, l);
            AtomicInteger next = new AtomicInteger(1);
            AtomicReference<Throwable> problem = new AtomicReference<>();
            l.onTaken = k -> {
                int v = next.getAndIncrement();
                if (feed.channel().len() > 1) {
                    problem.compareAndSet(null, new AssertionError("buffer over its size"));
                }
                if (v < n && !feed.offer(v)) {
                    problem.compareAndSet(null, new AssertionError("offer refused under the demand rule: " + v));
                    feed.close();
                } else if (v == n) {
                    feed.close();
                }
            };
            assertTrue(feed.offer(0));
            Spawned<List<Integer>> consumer = Spawned.go(() -> {
                List<Integer> got = new ArrayList<>();
                for (int v : feed.channel()) {
                    got.add(v);
                }
                return got;
            });
            List<Integer> got = consumer.join();
            assertNull(problem.get());
            assertEquals(n, got.size());
            for (int i = 0; i < n; i++) {
                assertEquals(i, got.get(i));
            }
            assertEquals(n, l.taken.get());
        }

        /**
         * Several receivers of every form against one feeding goroutine that keeps the demand rule (it offers only
         * after a taken() freed a slot): every element arrives exactly once, no offer is refused, and taken() was
         * told of every element once, in whole batches.
         */
        @ParameterizedTest(name = "cap {0}, batch {1}")
        @CsvSource({"0, 1", "1, 1", "16, 1", "16, 12", "16, 16"})
        void everyElementArrivesExactlyOnceAndIsCountedOnce(int cap, int batch) throws Exception {
            int n = 20_000;
            Counting l = new Counting();
            Semaphore demand = new Semaphore(slots(cap));
            l.onTaken = demand::release;
            ChannelFeed<Integer> feed = new ChannelFeed<>(cap, batch, l);
            ReceiveChannel<Integer> ch = feed.channel();
            Channel<Integer> never = Channel.make();
            Map<Integer, Integer> arrivals = new ConcurrentHashMap<>();
            List<List<Integer>> perReceiver = Collections.synchronizedList(new ArrayList<>());
            List<Spawned<Integer>> receivers = new ArrayList<>();
            for (int r = 0; r < 6; r++) {
                int form = r;
                receivers.add(Spawned.go(() -> {
                    List<Integer> mine = new ArrayList<>();
                    switch (form) {
                        case 0 -> {
                            for (Received<Integer> x = ch.receiveOrClosed(); x.ok(); x = ch.receiveOrClosed()) {
                                mine.add(x.value());
                            }
                        }
                        case 1 -> { // short timeouts: races the hand-off against giving up
                            for (;;) {
                                Received<Integer> x = ch.receive(Duration.ofNanos(50_000));
                                if (x.isClosed()) {
                                    break;
                                }
                                if (x.ok()) {
                                    mine.add(x.value());
                                }
                            }
                        }
                        case 2 -> {
                            for (;;) {
                                Received<Integer> x = Select.<Received<Integer>>returning()
                                        .receiveOrClosed(ch, v -> v).receive(never, v -> null).get();
                                if (x.isClosed()) {
                                    break;
                                }
                                mine.add(x.value());
                            }
                        }
                        case 3 -> {
                            for (int v : ch) {
                                mine.add(v);
                            }
                        }
                        case 4 -> {
                            for (;;) {
                                Received<Integer> x = ch.tryReceive();
                                if (x.isClosed()) {
                                    break;
                                }
                                if (x.ok()) {
                                    mine.add(x.value());
                                } else {
                                    // A polling consumer backs off. Thread.yield alone is not enough on one carrier:
                                    // the yielder goes back to the carrier's own queue, ahead of the threads a
                                    // platform thread unparked, and can starve them (the one-carrier execution).
                                    LockSupport.parkNanos(50_000);
                                }
                            }
                        }
                        default -> {
                            try (CancelContext ctx = Context.withCancel(Context.background())) {
                                for (Received<Integer> x = ch.receiveOrClosed(ctx); x.ok();
                                        x = ch.receiveOrClosed(ctx)) {
                                    mine.add(x.value());
                                }
                            }
                        }
                    }
                    perReceiver.add(mine);
                    return mine.size();
                }));
            }
            Spawned<Integer> feeder = Spawned.go(() -> {
                int refused = 0;
                try {
                    for (int i = 0; i < n; i++) {
                        if (!demand.tryAcquire(30, TimeUnit.SECONDS)) {
                            throw new AssertionError("no demand after element " + i + ": a taken() was lost");
                        }
                        if (!feed.offer(i)) {
                            refused++;
                        }
                    }
                } finally {
                    feed.close(); // also on failure, so the receivers end instead of leaking
                }
                return refused;
            });
            assertEquals(0, feeder.join(), "no offer is refused while the demand rule is kept");
            int total = 0;
            for (Spawned<Integer> r : receivers) {
                total += r.join();
            }
            for (List<Integer> mine : perReceiver) {
                int last = -1;
                for (int v : mine) {
                    assertTrue(v > last, "each receiver sees the elements in offer order");
                    last = v;
                    arrivals.merge(v, 1, Integer::sum);
                }
            }
            assertEquals(n, total, "as many elements received as offered");
            assertEquals(n, arrivals.size(), "every element arrived");
            for (int i = 0; i < n; i++) {
                assertEquals(1, arrivals.get(i), "element " + i + " arrived exactly once");
            }
            assertEquals(n - n % batch, l.taken.get(), "every element told once, but for an unfinished batch");
            for (int r : l.reports) {
                assertEquals(0, r % batch, "whole batches only: " + r);
            }
            assertEquals(slots(cap) - n % batch, demand.availablePermits(), "every slot of a whole batch given back");
            assertEquals(0, ch.len());
        }
    }

    @Nested
    class Closing {
        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void closeIsIdempotentAndOnlyTheFirstClosureCounts(int cap) throws Exception {
            ChannelFeed<Integer> feed = new ChannelFeed<>(cap, new Counting());
            assertTrue(feed.close());
            assertFalse(feed.close());
            assertFalse(feed.close(new IllegalStateException("too late")));
            Received<Integer> r = feed.channel().tryReceive();
            assertTrue(r.isClosed());
            assertNull(r.cause(), "the plain close came first");

            ChannelFeed<Integer> failed = new ChannelFeed<>(cap, new Counting());
            IllegalStateException cause = new IllegalStateException("source failed");
            assertTrue(failed.close(cause));
            assertFalse(failed.close());
            assertFalse(failed.close(new IllegalArgumentException("other")));
            assertSame(cause, failed.channel().tryReceive().cause(), "the first cause stays");
        }

        @Test
        void concurrentClosesCloseExactlyOnce() throws Exception {
            for (int round = 0; round < 50; round++) {
                ChannelFeed<Integer> feed = new ChannelFeed<>(1, new Counting());
                CountDownLatch start = new CountDownLatch(1);
                List<Spawned<Boolean>> closers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    int k = i;
                    closers.add(Spawned.go(() -> {
                        start.await();
                        return k % 2 == 0 ? feed.close() : feed.close(new IllegalStateException("closer " + k));
                    }));
                }
                start.countDown();
                int won = 0;
                for (Spawned<Boolean> c : closers) {
                    if (c.join()) {
                        won++;
                    }
                }
                assertEquals(1, won, "exactly one close counted");
                assertTrue(feed.channel().tryReceive().isClosed());
            }
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void closeWithACauseDeliversTheBufferFirst(int cap) throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(cap, l);
            int k = fill(feed, cap, 0);
            IllegalStateException cause = new IllegalStateException("onError");
            assertTrue(feed.close(cause));
            for (int i = 0; i < k; i++) {
                assertEquals(i, feed.channel().receive());
            }
            assertEquals(k, l.taken.get());
            assertSame(cause, assertThrows(IllegalStateException.class, feed.channel()::receive));
            assertSame(cause, feed.channel().receiveOrClosed().cause());
            assertEquals(k, l.taken.get(), "the closure is not an element");
        }

        @Test
        void aCheckedCauseReachesReceiversWrapped() throws Exception {
            ChannelFeed<Integer> feed = new ChannelFeed<>(1, new Counting());
            Exception cause = new java.io.IOException("upstream");
            feed.close(cause);
            ChannelClosedException e = assertThrows(ChannelClosedException.class, feed.channel()::receive);
            assertSame(cause, e.getCause());
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void closeWakesParkedReceiversWithTheClosure(int cap) throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(cap, l);
            Spawned<Integer> receiver = Spawned.go(() -> feed.channel().receive()).awaitBlocked();
            Spawned<Received<Integer>> reporter = Spawned.go(() -> feed.channel().receiveOrClosed()).awaitBlocked();
            IllegalStateException cause = new IllegalStateException("cancelled upstream");
            assertTrue(feed.close(cause));
            assertSame(cause, receiver.failure());
            assertSame(cause, reporter.join().cause());
            assertEquals(0, l.taken.get());
        }
    }

    /**
     * A receive that finds a feed's channel empty first yields its carrier, on a virtual thread with more than one
     * carrier ({@link Waiter#FEED_YIELDS}), and then queues up and parks: through both steps it honours
     * interruption and timeouts, takes what is offered meanwhile, and leaves the channel consistent.
     */
    @Nested
    class Waiting {
        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void anInterruptedReceiveLeavesNoWaiterAndTheNextOfferWaitsInTheBuffer(int cap) throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(cap, l);
            ReceiveChannel<Integer> ch = feed.channel();
            Spawned<Integer> receiver = Spawned.go(ch::receive).awaitBlocked();
            receiver.thread.interrupt();
            assertTrue(receiver.failure() instanceof InterruptedException, "receive threw InterruptedException");
            assertTrue(feed.offer(1));
            assertEquals(1, ch.len(), "no receiver is queued any more, so the element was kept, not handed over");
            assertEquals(0, l.taken.get());
            assertEquals(1, ch.receive());
            assertEquals(1, l.taken.get(), "taken once, by the receiver that got it");
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void aTimedReceiveTimesOutLeavesNoWaiterAndTheNextOfferWaitsInTheBuffer(int cap) throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(cap, l);
            ReceiveChannel<Integer> ch = feed.channel();
            Received<Integer> r = Spawned.go(() -> ch.receive(Duration.ofMillis(2))).join();
            assertFalse(r.ok() || r.isClosed(), "timed out: " + r);
            assertTrue(feed.offer(2));
            assertEquals(1, ch.len(), "no receiver is queued any more, so the element was kept, not handed over");
            assertEquals(2, ch.receive());
            assertEquals(1, l.taken.get());
        }

        /**
         * One receiver against a feeder that offers each element only after the previous one was taken, so that
         * nearly every receive finds the channel empty: the element comes while the receiver yields, or while it is
         * queued, or after it parked. Every element arrives once and in order, and each is told taken once.
         */
        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 16})
        void aReceiverThatFindsTheChannelEmptyGetsEveryElementOfferedWhileItWaits(int cap) throws Exception {
            int n = 20_000;
            Counting l = new Counting();
            Semaphore takenOne = new Semaphore(0);
            l.onTaken = takenOne::release;
            ChannelFeed<Integer> feed = new ChannelFeed<>(cap, l);
            Spawned<Integer> receiver = Spawned.go(() -> {
                for (int i = 0; i < n; i++) {
                    assertEquals(i, feed.channel().receive(), "elements arrive once each, in offer order");
                }
                return n;
            });
            try {
                for (int i = 0; i < n; i++) {
                    assertTrue(feed.offer(i), "room for element " + i);
                    assertTrue(takenOne.tryAcquire(30, TimeUnit.SECONDS), "element " + i + " was taken");
                }
            } finally {
                feed.close();
            }
            assertEquals(n, receiver.join());
            assertEquals(n, l.taken.get());
            assertEquals(0, feed.channel().len());
        }
    }

    @Nested
    class Iteration {
        @Test
        void closingAnIteratorEarlyIsReportedOnceAndLeavesTheRest() throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(16, l);
            fill(feed, 3, 0);
            try (ChannelIterator<Integer> it = feed.channel().iterator()) {
                assertEquals(0, it.next());
                it.close();
                assertFalse(it.hasNext(), "a closed iterator receives nothing more");
            }
            assertEquals(1, l.iteratorClosed.get(), "an early close, reported once though closed twice");
            assertEquals(1, l.taken.get());
            assertEquals(2, feed.channel().len(), "the channel itself stays open with the rest");
            assertEquals(1, feed.channel().receive());
        }

        @Test
        void closingAStreamEarlyIsReported() throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(16, l);
            fill(feed, 5, 0);
            List<Integer> firstTwo;
            try (Stream<Integer> s = feed.channel().stream()) {
                firstTwo = s.limit(2).toList();
            }
            assertEquals(List.of(0, 1), firstTwo);
            assertEquals(1, l.iteratorClosed.get());
            assertEquals(3, feed.channel().len());
        }

        @Test
        void anIteratorFedByAHandOffThenClosedEarlyIsReported() throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(1, l);
            try (ChannelIterator<Integer> it = feed.channel().iterator()) {
                Spawned<Void> first = Spawned.run(() -> {
                    assertTrue(it.hasNext());
                    assertEquals(1, it.next());
                }).awaitBlocked();
                feed.offer(1);
                first.join();
            }
            assertEquals(1, l.iteratorClosed.get(), "closed before the channel closed");
            feed.close();
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void aDrainedLoopOrStreamReportsNoEarlyClose(int cap) throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(cap, l);
            int k = fill(feed, cap, 0);
            feed.close();
            List<Integer> got = new ArrayList<>();
            try (ChannelIterator<Integer> it = feed.channel().iterator()) {
                while (it.hasNext()) {
                    got.add(it.next());
                }
            }
            assertEquals(k, got.size());
            try (Stream<Integer> s = feed.channel().stream()) {
                assertEquals(0, s.count());
            }
            assertEquals(0, l.iteratorClosed.get(), "a loop that ran to the closure did not stop early");
            assertEquals(k, l.taken.get());
        }

        @Test
        void aLoopEndedByTheCauseReportsNoEarlyClose() throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(4, l);
            fill(feed, 2, 0);
            IllegalStateException cause = new IllegalStateException("failed");
            feed.close(cause);
            List<Integer> got = new ArrayList<>();
            try (ChannelIterator<Integer> it = feed.channel().iterator()) {
                assertSame(cause, assertThrows(IllegalStateException.class, () -> {
                    while (it.hasNext()) {
                        got.add(it.next());
                    }
                }));
            }
            assertEquals(List.of(0, 1), got);
            assertEquals(0, l.iteratorClosed.get());
        }
    }

    @Nested
    class Selecting {
        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void aReceiverParkedInASelectWithOtherChannelsGetsTheFedElement(int cap) throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(cap, l);
            Channel<Integer> other = Channel.make();
            Channel<Integer> outbox = Channel.make();
            try (CancelContext ctx = Context.withCancel(Context.background())) {
                Spawned<String> s = Spawned.go(() -> Select.<String>returning()
                        .receive(other, v -> "other " + v)
                        .send(outbox, 5, () -> "sent")
                        .receive(feed.channel(), v -> "fed " + v)
                        .receive(ctx.done(), v -> "cancelled")
                        .get()).awaitBlocked();
                assertTrue(feed.offer(42));
                assertEquals(1, l.taken.get());
                assertEquals("fed 42", s.join());
            }
            assertEquals(0, feed.channel().len(), "handed off, not buffered");
            assertFalse(other.trySend(1), "the select left no receiver on the other channel");
            assertTrue(outbox.tryReceive().wouldBlock(), "nor a sender on the outbox");
            assertEquals(1, l.taken.get());
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void aSelectTakesABufferedElementAmongIdleChannels(int cap) throws Exception {
            Counting l = new Counting();
            ChannelFeed<Integer> feed = new ChannelFeed<>(cap, l);
            Channel<Integer> idle = Channel.make();
            assertTrue(feed.offer(3));
            assertEquals(1, feed.channel().len());
            String got = Select.<String>returning().receive(idle, v -> "idle").receive(feed.channel(), v -> "fed " + v)
                    .otherwise(() -> "default").get();
            assertEquals("fed 3", got);
            assertEquals(1, l.taken.get());
            assertEquals("default", Select.<String>returning().receive(feed.channel(), v -> "fed " + v)
                    .otherwise(() -> "default").get());
            assertEquals(1, l.taken.get());
        }
    }
}
