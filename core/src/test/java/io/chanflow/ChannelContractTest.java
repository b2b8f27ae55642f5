package io.chanflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The channel contract of {@link SendChannel} and {@link ReceiveChannel}, over capacities 0, 1, 2, 16 and 1024. */
@Timeout(60)
class ChannelContractTest {

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    /** Fills a channel's buffer completely (nothing for an unbuffered channel); returns the values sent. */
    private static List<Integer> fill(Channel<Integer> ch, int from) throws InterruptedException {
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < ch.cap(); i++) {
            ch.send(from + i);
            sent.add(from + i);
        }
        return sent;
    }

    @Nested
    class SendAndReceive {
        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 2, 16, 1024})
        void aValueSentIsReceived(int cap) throws Exception {
            Channel<String> ch = Channel.make(cap);
            Spawned<Void> sender = Spawned.run(() -> ch.send("hello"));
            assertEquals("hello", ch.receive());
            sender.join();
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {1, 2, 16, 1024})
        void bufferedValuesAreReceivedInSendOrder(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            // several rounds, so the circular buffer wraps around
            for (int round = 0; round < 3; round++) {
                List<Integer> sent = fill(ch, round * cap);
                assertEquals(cap, ch.len());
                for (int v : sent) {
                    assertEquals(v, ch.receive());
                }
                assertEquals(0, ch.len());
            }
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 2, 16, 1024})
        void sendBlocksWhenNoReceiverAndBufferFull(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            fill(ch, 0);
            Spawned<Void> sender = Spawned.run(() -> ch.send(-1)).awaitBlocked();
            assertFalse(sender.isDone());
            for (int i = 0; i < cap; i++) {
                assertEquals(i, ch.receive());
            }
            assertEquals(-1, ch.receive());
            sender.join();
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 2, 16, 1024})
        void receiveBlocksUntilAValueIsSent(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            Spawned<Integer> receiver = Spawned.go(ch::receive).awaitBlocked();
            assertFalse(receiver.isDone());
            ch.send(7);
            assertEquals(7, receiver.join());
            assertEquals(0, ch.len(), "a value handed to a waiting receiver never sits in the buffer");
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 2, 16, 1024})
        void blockedSendersAreServedInFifoOrder(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            List<Integer> expected = fill(ch, 0);
            List<Spawned<Void>> senders = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int v = 1000 + i;
                senders.add(Spawned.run(() -> ch.send(v)).awaitBlocked());
                expected.add(v);
            }
            List<Integer> got = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                got.add(ch.receive());
            }
            assertEquals(expected, got);
            for (Spawned<Void> s : senders) {
                s.join();
            }
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 2, 16, 1024})
        void blockedReceiversAreServedInFifoOrder(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            List<Spawned<Integer>> receivers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                receivers.add(Spawned.go(ch::receive).awaitBlocked());
            }
            for (int i = 0; i < 5; i++) {
                ch.send(i);
            }
            for (int i = 0; i < 5; i++) {
                assertEquals(i, receivers.get(i).join());
            }
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 2, 16, 1024})
        void lenAndCapAreExact(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            assertEquals(cap, ch.cap());
            assertEquals(0, ch.len());
            for (int i = 0; i < cap; i++) {
                assertTrue(ch.trySend(i));
                assertEquals(i + 1, ch.len());
            }
            Spawned<Void> sender = Spawned.run(() -> ch.send(-1)).awaitBlocked();
            assertEquals(cap, ch.len(), "a blocked sender's value is not counted: Go's len counts the buffer");
            ch.receive();
            sender.join();
            assertEquals(cap, ch.len());
        }
    }

    @Nested
    class NonBlocking {
        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 2, 16, 1024})
        void trySendFailsOnlyWhenNoReceiverAndBufferFull(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            for (int i = 0; i < cap; i++) {
                assertTrue(ch.trySend(i), "buffer has room");
            }
            assertFalse(ch.trySend(-1), "buffer full, no receiver");
            for (int i = 0; i < cap; i++) {
                assertEquals(i, ch.receive());
            }
            Spawned<Integer> receiver = Spawned.go(ch::receive).awaitBlocked();
            assertTrue(ch.trySend(42), "a receiver waits");
            assertEquals(42, receiver.join());
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 2, 16, 1024})
        void tryReceiveDistinguishesNothingNowFromClosed(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            Received<Integer> none = ch.tryReceive();
            assertTrue(none.wouldBlock());
            assertFalse(none.ok());
            assertFalse(none.isClosed());
            assertNull(none.value());

            Spawned<Void> sender = Spawned.run(() -> ch.send(5));
            if (cap == 0) {
                sender.awaitBlocked(); // a sender waits
            } else {
                sender.join(); // a value is buffered
            }
            Received<Integer> got = ch.tryReceive();
            assertTrue(got.ok(), "a value is buffered or a sender waits: " + got);
            assertEquals(5, got.value());
            sender.join();

            ch.close();
            Received<Integer> closed = ch.tryReceive();
            assertTrue(closed.isClosed());
            assertFalse(closed.ok());
            assertFalse(closed.wouldBlock());
        }
    }

    @Nested
    class Timed {
        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void timedSendTimesOutWithoutDelivering(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            fill(ch, 0);
            assertFalse(ch.send(99, Duration.ofMillis(20)));
            assertEquals(cap, ch.len());
            for (int i = 0; i < cap; i++) {
                assertEquals(i, ch.receive());
            }
            assertTrue(ch.tryReceive().wouldBlock(), "the timed-out element was not delivered");
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void timedReceiveTimesOut(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            assertTrue(ch.receive(Duration.ofMillis(20)).wouldBlock());
            // the channel is still usable and nothing is left queued
            Spawned<Void> sender = Spawned.run(() -> ch.send(1));
            assertEquals(1, ch.receive());
            sender.join();
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void timedOperationsSucceedWhenACounterpartComes(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            Spawned<Received<Integer>> r = Spawned.go(() -> ch.receive(Duration.ofMinutes(1))).awaitBlocked();
            assertTrue(ch.send(3, Duration.ofMinutes(1)));
            assertEquals(3, r.join().value());
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1})
        void zeroAndNegativeTimeoutsNeverWait(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            fill(ch, 0);
            assertFalse(ch.send(1, Duration.ZERO));
            assertFalse(ch.send(1, Duration.ofSeconds(-1)));
            if (cap == 0) {
                assertTrue(ch.receive(Duration.ZERO).wouldBlock());
            }
            // huge timeouts do not overflow the deadline arithmetic
            Spawned<Received<Integer>> r = Spawned.go(() -> ch.receive(Duration.ofSeconds(Long.MAX_VALUE)));
            if (cap == 0) {
                r.awaitBlocked();
                ch.send(9);
                assertEquals(9, r.join().value());
            } else {
                assertEquals(0, r.join().value());
            }
        }
    }

    @Nested
    class Closing {
        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 2, 16, 1024})
        void bufferedValuesStayReceivableThenClosureForever(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            List<Integer> sent = fill(ch, 0);
            ch.close();
            assertEquals(cap, ch.len());
            for (int v : sent) {
                assertEquals(v, ch.receive());
            }
            for (int i = 0; i < 3; i++) {
                assertThrows(ChannelClosedException.class, ch::receive);
                assertTrue(ch.receiveOrClosed().isClosed());
                assertTrue(ch.tryReceive().isClosed());
                assertTrue(ch.receive(Duration.ofSeconds(1)).isClosed());
                assertFalse(ch.iterator().hasNext());
            }
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 2, 16, 1024})
        void closeWakesEveryBlockedReceiver(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            List<Spawned<Received<Integer>>> receivers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                receivers.add(Spawned.go(ch::receiveOrClosed).awaitBlocked());
            }
            Spawned<Integer> throwing = Spawned.go(ch::receive).awaitBlocked();
            ch.close();
            for (Spawned<Received<Integer>> r : receivers) {
                assertTrue(r.join().isClosed());
            }
            assertInstanceOf(ChannelClosedException.class, throwing.failure());
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 2, 16, 1024})
        void closeWakesEveryBlockedSenderWithSendOnClosedChannel(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            List<Integer> buffered = fill(ch, 0);
            List<Spawned<Void>> senders = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int v = 100 + i;
                senders.add(Spawned.run(() -> ch.send(v)).awaitBlocked());
            }
            ch.close();
            for (Spawned<Void> s : senders) {
                Throwable t = s.failure();
                assertInstanceOf(ChannelClosedException.class, t);
                assertEquals("send on closed channel", t.getMessage());
            }
            // the buffered values survive the close; the blocked senders' values were never delivered
            for (int v : buffered) {
                assertEquals(v, ch.receive());
            }
            assertTrue(ch.tryReceive().isClosed());
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 2, 16, 1024})
        void sendOnClosedChannelThrowsAndLeavesItConsistent(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            if (cap > 0) {
                ch.send(1);
            }
            ch.close();
            ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> ch.send(2));
            assertEquals("send on closed channel", e.getMessage());
            assertThrows(ChannelClosedException.class, () -> ch.trySend(2));
            assertThrows(ChannelClosedException.class, () -> ch.send(2, Duration.ofSeconds(1)));
            if (cap > 0) {
                assertEquals(1, ch.receive());
            }
            assertTrue(ch.receiveOrClosed().isClosed());
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void secondCloseThrowsAndLeavesTheChannelClosed(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            if (cap > 0) {
                ch.send(1);
            }
            ch.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, ch::close);
            assertEquals("close of closed channel", e.getMessage());
            if (cap > 0) {
                assertEquals(1, ch.receive());
            }
            assertTrue(ch.tryReceive().isClosed());
        }
    }

    @Nested
    class Iteration {
        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 2, 16, 1024})
        void forEachReceivesUntilClosedAndDrained(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            Spawned<Void> producer = Spawned.run(() -> {
                for (int i = 0; i < 100; i++) {
                    ch.send(i);
                }
                ch.close();
            });
            List<Integer> got = new ArrayList<>();
            for (int v : ch) {
                got.add(v);
            }
            assertEquals(IntStream.range(0, 100).boxed().toList(), got);
            producer.join();
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void streamReceivesUntilClosed(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            Spawned<Void> producer = Spawned.run(() -> {
                for (int i = 1; i <= 10; i++) {
                    ch.send(i);
                }
                ch.close();
            });
            assertEquals(55, ch.stream().mapToInt(Integer::intValue).sum());
            producer.join();
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void closingTheIteratorStopsEarlyWithoutClosingTheChannel(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            Spawned<Void> producer = Spawned.run(() -> {
                for (int i = 0; i < 5; i++) {
                    ch.send(i);
                }
            });
            List<Integer> got = new ArrayList<>();
            try (ChannelIterator<Integer> it = ch.iterator()) {
                while (it.hasNext()) {
                    got.add(it.next());
                    if (got.size() == 2) {
                        break;
                    }
                }
                it.close();
                assertFalse(it.hasNext());
                assertThrows(NoSuchElementException.class, it::next);
            }
            assertEquals(List.of(0, 1), got);
            // the rest is still there for others: the channel was not closed
            assertEquals(List.of(2, 3, 4), IntStream.range(0, 3).mapToObj(i -> {
                try {
                    return ch.receive();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }).collect(Collectors.toList()));
            producer.join();
        }

        @Test
        void interruptedIterationThrowsUncheckedWithTheFlagSet() throws Exception {
            Channel<Integer> ch = Channel.make();
            Spawned<Boolean> it = Spawned.go(() -> {
                try {
                    ch.iterator().hasNext();
                    return false;
                } catch (ChannelInterruptedException e) {
                    return Thread.currentThread().isInterrupted() && e.getCause() instanceof InterruptedException;
                }
            }).awaitBlocked();
            it.thread.interrupt();
            assertTrue(it.join());
        }
    }

    @Nested
    class Interruption {
        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void blockedSendThrowsOnInterruptAndDeliversNothing(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            fill(ch, 0);
            Spawned<Void> sender = Spawned.run(() -> ch.send(-1)).awaitBlocked();
            sender.thread.interrupt();
            assertInstanceOf(InterruptedException.class, sender.failure());
            for (int i = 0; i < cap; i++) {
                assertEquals(i, ch.receive());
            }
            assertTrue(ch.tryReceive().wouldBlock(), "the interrupted send delivered nothing");
            // the cancelled node does not swallow a later hand-off
            Spawned<Integer> receiver = Spawned.go(ch::receive).awaitBlocked();
            ch.send(5);
            assertEquals(5, receiver.join());
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void blockedReceiveThrowsOnInterruptAndTakesNothing(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            Spawned<Integer> receiver = Spawned.go(ch::receive).awaitBlocked();
            receiver.thread.interrupt();
            assertInstanceOf(InterruptedException.class, receiver.failure());
            Spawned<Integer> next = Spawned.go(ch::receive).awaitBlocked();
            ch.send(8);
            assertEquals(8, next.join(), "the value went to the live receiver, not the interrupted one");
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void aPendingInterruptFailsABlockingCallOnEntry(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            Spawned<Boolean> s = Spawned.go(() -> {
                Thread.currentThread().interrupt();
                try {
                    ch.receive();
                    return false;
                } catch (InterruptedException expected) {
                    return !Thread.currentThread().isInterrupted(); // the exception consumed the flag
                }
            });
            assertTrue(s.join());
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void nonBlockingCallsIgnoreThePendingInterrupt(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            Spawned<Boolean> s = Spawned.go(() -> {
                Thread.currentThread().interrupt();
                boolean ok = ch.tryReceive().wouldBlock() && (cap == 0) != ch.trySend(1);
                return ok && Thread.currentThread().isInterrupted();
            });
            assertTrue(s.join());
        }
    }

    @Nested
    class BadInput {
        @Test
        void negativeCapacityIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Channel.make(-1));
            assertTrue(e.getMessage().contains("negative capacity"), e.getMessage());
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {0, 1, 16})
        void nullElementIsRejectedAndTheChannelStaysConsistent(int cap) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            assertThrows(NullPointerException.class, () -> ch.send(null));
            assertThrows(NullPointerException.class, () -> ch.trySend(null));
            assertThrows(NullPointerException.class, () -> ch.send(null, Duration.ofSeconds(1)));
            assertEquals(0, ch.len());
            Spawned<Void> sender = Spawned.run(() -> ch.send(1));
            assertEquals(1, ch.receive());
            sender.join();
        }
    }

    @Nested
    class NilChannel {
        private final Channel<Integer> nil = Channel.nil();

        @Test
        void sendAndReceiveBlockUntilInterrupted() throws Exception {
            Spawned<Void> sender = Spawned.run(() -> nil.send(1)).awaitBlocked();
            Spawned<Integer> receiver = Spawned.go(nil::receive).awaitBlocked();
            sender.thread.interrupt();
            receiver.thread.interrupt();
            assertInstanceOf(InterruptedException.class, sender.failure());
            assertInstanceOf(InterruptedException.class, receiver.failure());
        }

        @Test
        void nonBlockingAndTimedFormsNeverSucceed() throws Exception {
            assertFalse(nil.trySend(1));
            assertTrue(nil.tryReceive().wouldBlock());
            assertFalse(nil.send(1, Duration.ofMillis(10)));
            assertTrue(nil.receive(Duration.ofMillis(10)).wouldBlock());
            assertEquals(0, nil.len());
            assertEquals(0, nil.cap());
            assertSame(nil, Channel.<String>nil());
        }

        @Test
        void closeOfNilChannelThrows() {
            assertEquals("close of nil channel", assertThrows(IllegalStateException.class, nil::close).getMessage());
        }
    }
}
