package io.chanflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link SendChannel#close(Throwable)}: buffered elements first, then every throwing receive, every
 * send and every value-only select case throws the cause (unchecked and {@link Error} causes as the same instance,
 * checked ones inside a {@link ChannelClosedException}), while the reporting forms give
 * {@link Received#isClosed()} with {@link Received#cause()}. Over capacities 0, 1 and 16 and the three kinds of
 * cause.
 */
@Timeout(60)
class ChannelCloseCauseTest {

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    /** The three kinds of cause, which are thrown differently. */
    enum Kind {
        UNCHECKED, CHECKED, ERROR;

        Throwable make(String what) {
            return switch (this) {
                case UNCHECKED -> new IllegalArgumentException("producer failed: " + what);
                case CHECKED -> new IOException("producer failed: " + what);
                case ERROR -> new ProducerError("producer failed: " + what);
            };
        }
    }

    /** An {@link Error} that JUnit's {@code assertThrows} still catches (it rethrows only VM errors). */
    static final class ProducerError extends Error {
        private static final long serialVersionUID = 1L;

        ProducerError(String message) {
            super(message);
        }
    }

    static Stream<Arguments> capsAndKinds() {
        List<Arguments> all = new ArrayList<>();
        for (int cap : new int[] {0, 1, 16}) {
            for (Kind k : Kind.values()) {
                all.add(Arguments.of(cap, k));
            }
        }
        return all.stream();
    }

    /**
     * Asserts that {@code thrown} is what an operation made impossible by a closure with {@code cause} throws: the
     * cause itself if unchecked or an Error, else a ChannelClosedException carrying it, whose message begins with
     * Go's {@code what}.
     */
    static void assertIsTheCause(Throwable cause, Throwable thrown, String what) {
        if (cause instanceof RuntimeException || cause instanceof Error) {
            assertSame(cause, thrown, "the very cause instance is rethrown");
        } else {
            ChannelClosedException e = assertInstanceOf(ChannelClosedException.class, thrown);
            assertSame(cause, e.getCause(), "a checked cause travels inside a ChannelClosedException");
            assertTrue(e.getMessage().startsWith(what), "message: " + e.getMessage());
        }
    }

    @FunctionalInterface
    interface Op {
        Object run() throws Exception;
    }

    /** Runs {@code op} on the calling thread; asserts it throws the closure for {@code cause}. */
    static void assertThrowsCause(Throwable cause, String what, Op op) {
        Object r;
        try {
            r = op.run();
        } catch (Throwable t) {
            assertIsTheCause(cause, t, what);
            return;
        }
        fail("expected the closure cause, but the operation returned " + r);
    }

    /**
     * Runs {@code op} in its own goroutine and asserts it throws the closure for {@code cause} within the bound of
     * {@link Spawned}. Used where a broken implementation could leave the channel locked and hang the caller.
     */
    static void assertThrowsCauseInGoroutine(Throwable cause, String what, Op op) throws InterruptedException {
        Spawned<Object> s = Spawned.go(op::run);
        assertIsTheCause(cause, s.failure(), what);
    }

    /** Asserts {@code r} reports closure with {@code cause}. */
    static void assertClosedWith(Throwable cause, Received<?> r) {
        assertTrue(r.isClosed(), "closed: " + r);
        assertFalse(r.ok());
        assertFalse(r.wouldBlock());
        assertNull(r.value());
        assertSame(cause, r.cause());
    }

    /** Completes in a goroutine, so a channel left locked fails the test instead of hanging it. */
    static <T> T inGoroutine(Callable<T> body) throws Exception {
        return Spawned.go(body).join();
    }

    private static Channel<Integer> filled(int cap) throws InterruptedException {
        Channel<Integer> ch = Channel.make(cap);
        for (int i = 0; i < cap; i++) {
            ch.send(i);
        }
        return ch;
    }

    @Nested
    class Receiving {
        @ParameterizedTest(name = "cap {0}, {1}")
        @MethodSource("io.chanflow.ChannelCloseCauseTest#capsAndKinds")
        void bufferedElementsComeFirstThenEveryThrowingReceiveThrowsTheCause(int cap, Kind kind) throws Exception {
            Channel<Integer> ch = filled(cap);
            Throwable cause = kind.make("receive");
            ch.close(cause);
            assertEquals(cap, ch.len(), "closing keeps the buffer");
            for (int i = 0; i < cap; i++) {
                assertEquals(i, ch.receive(), "buffered elements stay receivable, in order");
            }
            assertEquals(0, ch.len());
            try (CancelContext ctx = Context.withCancel(Context.background())) {
                for (int round = 0; round < 2; round++) { // forever, not once
                    assertThrowsCause(cause, "receive from closed channel", ch::receive);
                    assertThrowsCause(cause, "receive from closed channel", () -> ch.receive(ctx));
                    assertThrowsCause(cause, "receive from closed channel", () -> ch.tryReceive().orElseThrow());
                    assertThrowsCause(cause, "receive from closed channel", () -> ch.receiveOrClosed().orElseThrow());
                }
            }
            assertEquals(0, cause.getSuppressed().length, "the cause is rethrown untouched");
        }

        @ParameterizedTest(name = "cap {0}, {1}")
        @MethodSource("io.chanflow.ChannelCloseCauseTest#capsAndKinds")
        void everyReportingReceiveGivesClosedWithTheCause(int cap, Kind kind) throws Exception {
            Channel<Integer> ch = filled(cap);
            Throwable cause = kind.make("report");
            ch.close(cause);
            for (int i = 0; i < cap; i++) {
                Received<Integer> r = ch.receiveOrClosed();
                assertTrue(r.ok(), "a buffered element before the closure: " + r);
                assertEquals(i, r.value());
                assertNull(r.cause(), "an element carries no cause");
            }
            try (CancelContext ctx = Context.withCancel(Context.background())) {
                for (int round = 0; round < 2; round++) {
                    assertClosedWith(cause, ch.receiveOrClosed());
                    assertClosedWith(cause, ch.tryReceive());
                    assertClosedWith(cause, ch.receive(Duration.ofMinutes(1)));
                    assertClosedWith(cause, ch.receive(Duration.ZERO));
                    assertClosedWith(cause, ch.receive(Duration.ofSeconds(-1)));
                    assertClosedWith(cause, ch.receiveOrClosed(ctx));
                }
            }
        }

        @Test
        void everyReceiveFormTakesBufferedElementsBeforeTheCause() throws Exception {
            Channel<Integer> ch = filled(16);
            Throwable cause = new IllegalStateException("late failure");
            ch.close(cause);
            List<Integer> got = new ArrayList<>();
            try (CancelContext ctx = Context.withCancel(Context.background())) {
                got.add(ch.receive());
                got.add(ch.receiveOrClosed().orElseThrow());
                got.add(ch.tryReceive().orElseThrow());
                got.add(ch.receive(Duration.ofSeconds(5)).orElseThrow());
                got.add(ch.receive(ctx));
                got.add(ch.receiveOrClosed(ctx).orElseThrow());
                got.add(Select.<Integer>returning().receive(ch, v -> v).get());
                got.add(Select.<Integer>returning().receiveOrClosed(ch, Received::orElseThrow).get());
                got.add(Select.<Integer>returning().receive(ch, v -> v).otherwise(() -> -1).get());
                ChannelIterator<Integer> it = ch.iterator();
                assertTrue(it.hasNext());
                got.add(it.next());
                it.close();
                got.add(ch.stream().findFirst().orElseThrow());
            }
            List<Integer> rest = new ArrayList<>();
            Throwable end = assertThrows(IllegalStateException.class, () -> {
                for (int v : ch) {
                    rest.add(v);
                }
            });
            assertSame(cause, end);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                expected.add(i);
            }
            List<Integer> all = new ArrayList<>(got);
            all.addAll(rest);
            assertEquals(expected, all, "every element once, in order, before the cause");
            assertEquals(11, got.size());
        }

        @ParameterizedTest(name = "cap {0}, {1}")
        @MethodSource("io.chanflow.ChannelCloseCauseTest#capsAndKinds")
        void blockedReceiversOfEveryFormAreWokenWithTheCause(int cap, Kind kind) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            Channel<Integer> other = Channel.make();
            Throwable cause = kind.make("wake receivers");
            try (CancelContext ctx = Context.withCancel(Context.background())) {
                Spawned<Integer> receive = Spawned.go(ch::receive).awaitBlocked();
                Spawned<Integer> receiveCtx = Spawned.go(() -> ch.receive(ctx)).awaitBlocked();
                Spawned<Received<Integer>> orClosed = Spawned.go(ch::receiveOrClosed).awaitBlocked();
                Spawned<Received<Integer>> orClosedCtx = Spawned.go(() -> ch.receiveOrClosed(ctx)).awaitBlocked();
                Spawned<Received<Integer>> timed = Spawned.go(() -> ch.receive(Duration.ofMinutes(5))).awaitBlocked();
                Spawned<Boolean> iterator = Spawned.go(() -> ch.iterator().hasNext()).awaitBlocked();
                Spawned<List<Integer>> stream = Spawned.go(() -> ch.stream().toList()).awaitBlocked();
                Spawned<Integer> selectValue = Spawned.go(() -> Select.<Integer>returning()
                        .receive(ch, v -> v).receive(other, v -> -v).get()).awaitBlocked();
                Spawned<Received<Integer>> selectOrClosed = Spawned.go(() -> Select.<Received<Integer>>returning()
                        .receiveOrClosed(ch, r -> r).receive(other, v -> null).get()).awaitBlocked();

                ch.close(cause);

                assertIsTheCause(cause, receive.failure(), "receive from closed channel");
                assertIsTheCause(cause, receiveCtx.failure(), "receive from closed channel");
                assertIsTheCause(cause, iterator.failure(), "receive from closed channel");
                assertIsTheCause(cause, stream.failure(), "receive from closed channel");
                assertIsTheCause(cause, selectValue.failure(), "receive from closed channel");
                assertClosedWith(cause, orClosed.join());
                assertClosedWith(cause, orClosedCtx.join());
                assertClosedWith(cause, timed.join());
                assertClosedWith(cause, selectOrClosed.join());
            }
            assertFalse(other.trySend(1), "the woken selects left no receiver on their other channel");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Kind.class)
        void aForEachLoopGetsTheBufferThenTheCause(Kind kind) throws Exception {
            Channel<Integer> ch = filled(16);
            Throwable cause = kind.make("loop");
            Spawned<List<Integer>> consumer = Spawned.go(() -> {
                List<Integer> seen = new ArrayList<>();
                try {
                    for (int v : ch) {
                        seen.add(v);
                    }
                } catch (Throwable t) {
                    assertIsTheCause(cause, t, "receive from closed channel");
                    return seen;
                }
                throw new AssertionError("the loop ended without the cause after " + seen);
            });
            // a late element, sent once the consumer made room, still comes before the cause
            Spawned<Void> late = Spawned.run(() -> ch.send(16));
            late.join();
            ch.close(cause);
            List<Integer> seen = consumer.join();
            assertEquals(17, seen.size());
            for (int i = 0; i < 17; i++) {
                assertEquals(i, seen.get(i));
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Kind.class)
        void aStreamGetsTheBufferThenTheCause(Kind kind) throws Exception {
            Channel<Integer> ch = filled(16);
            Throwable cause = kind.make("stream");
            ch.close(cause);
            List<Integer> seen = new ArrayList<>();
            try (Stream<Integer> s = ch.stream()) {
                assertThrowsCause(cause, "receive from closed channel", () -> {
                    s.forEach(seen::add);
                    return seen;
                });
            }
            assertEquals(16, seen.size(), "every buffered element before the cause: " + seen);
        }

        @ParameterizedTest(name = "cap {0}, {1}")
        @MethodSource("io.chanflow.ChannelCloseCauseTest#capsAndKinds")
        void everyConsumerThrowsTheSameInstance(int cap, Kind kind) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            Throwable cause = kind.make("shared");
            List<Spawned<Integer>> consumers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                consumers.add(Spawned.go(ch::receive).awaitBlocked());
            }
            ch.close(cause);
            List<Throwable> seen = new ArrayList<>();
            for (Spawned<Integer> c : consumers) {
                Throwable t = c.failure();
                assertIsTheCause(cause, t, "receive from closed channel");
                seen.add(t instanceof ChannelClosedException ? t.getCause() : t);
            }
            seen.add(inGoroutine(() -> ch.tryReceive().cause()));
            for (Throwable t : seen) {
                assertSame(cause, t);
            }
        }
    }

    @Nested
    class Sending {
        @ParameterizedTest(name = "cap {0}, {1}")
        @MethodSource("io.chanflow.ChannelCloseCauseTest#capsAndKinds")
        void everySendFormThrowsTheCauseAndLeavesTheChannelUsable(int cap, Kind kind) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            if (cap > 0) {
                ch.send(1); // one buffered element, room left or not
            }
            Throwable cause = kind.make("send");
            ch.close(cause);
            String what = "send on closed channel";
            try (CancelContext ctx = Context.withCancel(Context.background())) {
                // each in its own goroutine: an operation that threw while holding the channel's lock would hang
                // every later one, and this must fail the test, not hang it
                for (int round = 0; round < 2; round++) {
                    assertThrowsCauseInGoroutine(cause, what, () -> {
                        ch.send(2);
                        return null;
                    });
                    assertThrowsCauseInGoroutine(cause, what, () -> ch.trySend(2));
                    assertThrowsCauseInGoroutine(cause, what, () -> ch.send(2, Duration.ofMinutes(1)));
                    assertThrowsCauseInGoroutine(cause, what, () -> ch.send(2, Duration.ZERO));
                    assertThrowsCauseInGoroutine(cause, what, () -> {
                        ch.send(ctx, 2);
                        return null;
                    });
                    assertThrowsCauseInGoroutine(cause, what, () -> {
                        Select.select().send(ch, 2, () -> { }).run();
                        return null;
                    });
                    assertThrowsCauseInGoroutine(cause, what,
                            () -> Select.<String>returning().send(ch, 2, () -> "sent").otherwise(() -> "default")
                                    .get());
                }
            }
            assertEquals(cap > 0 ? 1 : 0, inGoroutine(ch::len), "no failed send changed the buffer");
            if (cap > 0) {
                assertEquals(Integer.valueOf(1), inGoroutine(ch::receive), "the buffered element is still there");
            }
            assertClosedWith(cause, inGoroutine(ch::tryReceive));
        }

        @ParameterizedTest(name = "cap {0}, {1}")
        @MethodSource("io.chanflow.ChannelCloseCauseTest#capsAndKinds")
        void blockedSendersOfEveryFormAreWokenWithTheCause(int cap, Kind kind) throws Exception {
            Channel<Integer> ch = filled(cap);
            Channel<Integer> other = Channel.make();
            Channel<Integer> otherOut = Channel.make(); // not `other`: the two selects would pair with each other
            Throwable cause = kind.make("wake senders");
            List<Spawned<?>> senders = new ArrayList<>();
            try (CancelContext ctx = Context.withCancel(Context.background())) {
                senders.add(Spawned.run(() -> ch.send(100)).awaitBlocked());
                senders.add(Spawned.go(() -> ch.send(101, Duration.ofMinutes(5))).awaitBlocked());
                senders.add(Spawned.run(() -> ch.send(ctx, 102)).awaitBlocked());
                senders.add(Spawned.run(() -> Select.select().send(ch, 103, () -> { }).receive(other, v -> { }).run())
                        .awaitBlocked());
                senders.add(Spawned.go(() -> Select.<String>returning().send(ch, 104, () -> "sent")
                        .send(otherOut, 1, () -> "other").get()).awaitBlocked());

                ch.close(cause);

                for (Spawned<?> s : senders) {
                    assertIsTheCause(cause, s.failure(), "send on closed channel");
                }
            }
            for (int i = 0; i < cap; i++) {
                assertEquals(i, ch.receive(), "the buffer survives the close");
            }
            assertClosedWith(cause, ch.tryReceive());
            assertFalse(other.trySend(1), "the woken selects left no receiver on their other channel");
            assertTrue(otherOut.tryReceive().wouldBlock(), "nor a sender");
        }
    }

    @Nested
    class Select_ {
        @ParameterizedTest(name = "cap {0}, {1}")
        @MethodSource("io.chanflow.ChannelCloseCauseTest#capsAndKinds")
        void aReceiveCaseOnAFailedChannelIsReadyAndReportsTheCause(int cap, Kind kind) throws Exception {
            Channel<Integer> ch = Channel.make(cap);
            Channel<Integer> never = Channel.make();
            Throwable cause = kind.make("select");
            ch.close(cause);
            // ready, so the default is never taken; value-only cases throw, receiveOrClosed cases report
            assertThrowsCause(cause, "receive from closed channel",
                    () -> Select.<String>returning().receive(ch, v -> "value " + v).otherwise(() -> "default").get());
            assertThrowsCause(cause, "receive from closed channel", () -> {
                Select.select().receive(ch, v -> fail("handler must not run with " + v)).receive(never, v -> { })
                        .run();
                return null;
            });
            Received<?>[] got = new Received<?>[1];
            Select.select().receiveOrClosed(ch, r -> got[0] = r).receive(never, v -> { }).otherwise(() -> { }).run();
            assertClosedWith(cause, got[0]);
            Received<Integer> r = Select.<Received<Integer>>returning().receiveOrClosed(ch, x -> x)
                    .otherwise(() -> null).get();
            assertClosedWith(cause, r);
        }

        @Test
        void aPlainCloseStillGivesTheZeroValueToAValueOnlyCase() throws Exception {
            // the contrast that makes the failure case meaningful: only a cause turns the null into a throw
            Channel<Integer> ch = Channel.make();
            ch.close();
            assertEquals("value null", Select.<String>returning().receive(ch, v -> "value " + v).get());
            Received<Integer> r = ch.tryReceive();
            assertTrue(r.isClosed());
            assertNull(r.cause(), "a plain close has no cause");
            ChannelClosedException e = assertThrows(ChannelClosedException.class, ch::receive);
            assertNull(e.getCause());
            assertEquals("receive from closed channel", e.getMessage());
        }
    }

    @Nested
    class Closing {
        @ParameterizedTest(name = "cap {0}, {1}")
        @MethodSource("io.chanflow.ChannelCloseCauseTest#capsAndKinds")
        void aSecondCloseOfAnyKindThrowsAndKeepsTheFirstCause(int cap, Kind kind) throws Exception {
            Channel<Integer> ch = filled(cap);
            Throwable cause = kind.make("first");
            ch.close(cause);
            IllegalStateException again = assertThrows(IllegalStateException.class,
                    () -> ch.close(new IllegalArgumentException("second")));
            assertEquals("close of closed channel", again.getMessage());
            IllegalStateException plain = assertThrows(IllegalStateException.class, ch::close);
            assertEquals("close of closed channel", plain.getMessage());
            assertFalse(plain instanceof ChannelClosedException, "a double close is a misuse, not the closure");
            assertThrows(IllegalStateException.class, () -> ch.close(cause));
            for (int i = 0; i < cap; i++) {
                assertEquals(i, ch.receive());
            }
            assertClosedWith(cause, ch.tryReceive());
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Kind.class)
        void closeWithACauseAfterAPlainCloseThrowsAndAddsNoCause(Kind kind) throws Exception {
            Channel<Integer> ch = Channel.make(1);
            ch.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ch.close(kind.make("late")));
            assertEquals("close of closed channel", e.getMessage());
            Received<Integer> r = ch.tryReceive();
            assertTrue(r.isClosed());
            assertNull(r.cause());
            assertThrows(ChannelClosedException.class, ch::receive);
        }

        @Test
        void aNullCauseIsRejectedAndLeavesTheChannelOpen() throws Exception {
            Channel<Integer> ch = Channel.make(1);
            assertThrows(NullPointerException.class, () -> ch.close(null));
            assertTrue(ch.trySend(1), "still open");
            assertEquals(1, ch.receive());
            assertTrue(ch.tryReceive().wouldBlock());
            ch.close(); // and still closable once
            assertTrue(ch.tryReceive().isClosed());
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Kind.class)
        void theNilChannelCannotBeClosedWithACause(Kind kind) {
            Channel<Integer> nil = Channel.nil();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> nil.close(kind.make("nil")));
            assertEquals("close of nil channel", e.getMessage());
            assertTrue(nil.tryReceive().wouldBlock(), "the nil channel stays nil");
        }

        @Test
        void receiversOnSeveralChannelsSeeTheirOwnCause() throws Exception {
            Channel<Integer> a = Channel.make();
            Channel<Integer> b = Channel.make(2);
            Throwable ca = new IllegalStateException("a failed");
            Throwable cb = new IOException("b failed");
            Spawned<Integer> ra = Spawned.go(a::receive).awaitBlocked();
            Spawned<Integer> rb = Spawned.go(b::receive).awaitBlocked();
            b.close(cb);
            a.close(ca);
            assertIsTheCause(ca, ra.failure(), "receive from closed channel");
            assertIsTheCause(cb, rb.failure(), "receive from closed channel");
        }

        @Test
        void aCheckedCauseMessageNamesTheOperation() throws Exception {
            Channel<Integer> ch = Channel.make();
            IOException cause = new IOException("disk gone");
            ch.close(cause);
            ChannelClosedException r = assertThrows(ChannelClosedException.class, ch::receive);
            assertTrue(r.getMessage().startsWith("receive from closed channel"), r.getMessage());
            assertTrue(r.getMessage().contains("disk gone"), r.getMessage());
            ChannelClosedException s = assertThrows(ChannelClosedException.class, () -> ch.trySend(1));
            assertTrue(s.getMessage().startsWith("send on closed channel"), s.getMessage());
            assertSame(cause, r.getCause());
            assertSame(cause, s.getCause());
        }
    }
}
