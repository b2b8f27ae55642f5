package io.chanflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Select}: Go's select semantics, with scenarios ported from Go's own tests. */
@Timeout(120)
class SelectTest {

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    /** Asserts that {@code body} blocks (parks) until interrupted, and then throws InterruptedException. */
    private static void assertBlocks(Task body) throws Exception {
        Spawned<Void> s = Spawned.run(body).awaitBlocked();
        assertFalse(s.isDone());
        s.thread.interrupt();
        assertInstanceOf(InterruptedException.class, s.failure());
    }

    /** Asserts that {@code body} completes without blocking forever. */
    private static void assertDoesNotBlock(Task body) throws Exception {
        Spawned.run(body).join();
    }

    /** Go's test/chan/select3.go: what blocks, what does not, and what panics. */
    @Nested
    class Select3 {
        private final Channel<Integer> nil = Channel.nil();

        @Test
        void nilChannelOperationsBlock() throws Exception {
            assertBlocks(() -> nil.receive());
            assertBlocks(() -> nil.send(7));
            assertEquals("close of nil channel", assertThrows(IllegalStateException.class, nil::close).getMessage());
        }

        @Test
        void closedChannelReceiveNeverBlocksAndSendThrows() throws Exception {
            Channel<Integer> closed = Channel.make();
            closed.close();
            assertDoesNotBlock(() -> assertTrue(closed.receiveOrClosed().isClosed()));
            assertThrows(ChannelClosedException.class, () -> closed.send(7));
        }

        @Test
        void emptySelectBlocks() throws Exception {
            assertBlocks(() -> Select.select().run());
        }

        @Test
        void selectWithOnlyNilCasesBlocks() throws Exception {
            assertBlocks(() -> Select.select().receive(nil, v -> { }).run());
            assertBlocks(() -> Select.select().send(nil, 7, () -> { }).run());
            assertBlocks(() -> Select.select().receive(nil, v -> { }).send(nil, 7, () -> { }).run());
        }

        @Test
        void selectWithNilCasesAndDefaultTakesDefault() throws Exception {
            AtomicInteger taken = new AtomicInteger();
            Select.select().receive(nil, v -> taken.set(1)).send(nil, 7, () -> taken.set(2))
                    .otherwise(() -> taken.set(3)).run();
            assertEquals(3, taken.get());
        }

        @Test
        void selectOnAClosedChannelDoesNotBlock() throws Exception {
            Channel<Integer> closed = Channel.make();
            closed.close();
            AtomicReference<Integer> got = new AtomicReference<>(-1);
            assertDoesNotBlock(() -> Select.select().receive(closed, got::set).receive(nil, v -> { }).run());
            assertNull(got.get(), "the value-only handler gets Go's zero value on closure");
            Received<Integer> r = Select.<Received<Integer>>returning().receiveOrClosed(closed, x -> x).get();
            assertTrue(r.isClosed());
        }

        @Test
        void selectSendOnAClosedChannelThrowsWhenChosen() throws Exception {
            Channel<Integer> closed = Channel.make(1);
            closed.close();
            ChannelClosedException e = assertThrows(ChannelClosedException.class,
                    () -> Select.select().send(closed, 7, () -> { }).run());
            assertEquals("send on closed channel", e.getMessage());
            assertThrows(ChannelClosedException.class,
                    () -> Select.select().send(closed, 7, () -> { }).otherwise(() -> { }).run());
        }

        @Test
        void aBlockedSelectSendThrowsWhenItsChannelIsClosed() throws Exception {
            Channel<Integer> ch = Channel.make();
            Channel<Integer> other = Channel.make();
            Spawned<Void> s = Spawned.run(() -> Select.select().send(ch, 7, () -> { }).receive(other, v -> { }).run())
                    .awaitBlocked();
            ch.close();
            assertInstanceOf(ChannelClosedException.class, s.failure());
        }

        @Test
        void aBlockedSelectReceiveWakesOnClose() throws Exception {
            Channel<Integer> ch = Channel.make();
            Channel<Integer> other = Channel.make();
            Spawned<Boolean> s = Spawned.go(() -> Select.<Boolean>returning()
                    .receiveOrClosed(ch, Received::isClosed).receive(other, v -> false).get()).awaitBlocked();
            ch.close();
            assertTrue(s.join());
        }

        @Test
        void selectNeverPairsItsOwnSendWithItsOwnReceive() throws Exception {
            Channel<Integer> ch = Channel.make();
            assertBlocks(() -> Select.select().send(ch, 1, () -> { }).receive(ch, v -> { }).run());
        }

        @Test
        void selfSelectOnABufferedChannelTakesWhatIsReady() throws Exception {
            Channel<Integer> ch = Channel.make(1);
            // empty: only the send can proceed
            String first = Select.<String>returning().send(ch, 1, () -> "sent").receive(ch, v -> "received").get();
            assertEquals("sent", first);
            // full: only the receive can proceed
            String second = Select.<String>returning().send(ch, 2, () -> "sent").receive(ch, v -> "received " + v).get();
            assertEquals("received 1", second);
        }

        @Test
        void theSameChannelMayAppearInSeveralCases() throws Exception {
            Channel<Integer> ch = Channel.make();
            Spawned<Integer> s = Spawned.go(() -> Select.<Integer>returning()
                    .receive(ch, v -> v).receive(ch, v -> v + 100).get()).awaitBlocked();
            ch.send(1);
            int got = s.join();
            assertTrue(got == 1 || got == 101, "one of the two cases took the value: " + got);
            assertTrue(ch.tryReceive().wouldBlock(), "the losing case left no receiver behind");
            assertFalse(ch.trySend(5), "no stale registration of the select remains");
        }

        @Test
        void defaultRunsOnlyWhenNothingIsReady() throws Exception {
            Channel<Integer> ch = Channel.make(1);
            assertEquals("default", Select.<String>returning().receive(ch, v -> "value").otherwise(() -> "default").get());
            ch.send(4);
            assertEquals("value", Select.<String>returning().receive(ch, v -> "value").otherwise(() -> "default").get());
            assertThrows(IllegalStateException.class, () -> Select.select().otherwise(() -> { }).otherwise(() -> { }));
        }
    }

    /** Go's test/chan/nonblock.go, for capacities 0 and 1: non-blocking sends and receives through select. */
    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1})
    void nonblock(int cap) throws Exception {
        Channel<Integer> c = Channel.make(cap);
        // nothing ready: both take the default
        assertEquals("default", Select.<String>returning().receive(c, v -> "got").otherwise(() -> "default").get());
        if (cap == 0) {
            assertEquals("default", Select.<String>returning().send(c, 1, () -> "sent").otherwise(() -> "default").get());
        }
        // a blocking receiver: a non-blocking send eventually succeeds (retry while the receiver gets there)
        Spawned<Integer> receiver = Spawned.go(c::receive);
        while (!Select.<Boolean>returning().send(c, 123, () -> true).otherwise(() -> false).get()) {
            Thread.yield();
        }
        assertEquals(123, receiver.join());
        // a blocking sender: a non-blocking receive eventually succeeds
        Spawned<Void> sender = Spawned.run(() -> c.send(456));
        Integer got = null;
        while (got == null) {
            got = Select.<Integer>returning().receive(c, v -> v).otherwise(() -> null).get();
            Thread.yield();
        }
        assertEquals(456, got);
        sender.join();
    }

    /**
     * Go's test/chan/doubleselect.go: 100 000 values sent through a 4-way send select into 4 forwarders that all
     * feed one channel: no value is duplicated and none is missing.
     */
    @Test
    void doubleselect() throws Exception {
        int n = 100_000;
        List<Channel<Integer>> ins = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ins.add(Channel.make());
        }
        Channel<Integer> out = Channel.make();
        Spawned<Void> sender = Spawned.run(() -> {
            for (int i = 0; i < n; i++) {
                Select.select().send(ins.get(0), i, () -> { }).send(ins.get(1), i, () -> { })
                        .send(ins.get(2), i, () -> { }).send(ins.get(3), i, () -> { }).run();
            }
            for (Channel<Integer> c : ins) {
                c.close();
            }
        });
        WaitGroup muxes = new WaitGroup();
        for (Channel<Integer> in : ins) {
            muxes.go(() -> {
                for (int v : in) {
                    out.send(v);
                }
            });
        }
        Spawned<Void> closer = Spawned.run(() -> {
            muxes.await();
            out.close();
        });
        AtomicIntegerArray seen = new AtomicIntegerArray(n);
        int count = 0;
        for (int v : out) {
            if (seen.getAndIncrement(v) != 0) {
                throw new AssertionError("duplicate " + v);
            }
            count++;
        }
        assertEquals(n, count);
        sender.join();
        closer.join();
    }

    /**
     * Go's test/chan/select6.go: a select woken through one channel must leave the other channel's queue, or a later
     * send on that channel would be handed to the stale registration and lost.
     */
    @Test
    void select6() throws Exception {
        Channel<Boolean> c1 = Channel.make(), c2 = Channel.make(), c3 = Channel.make();
        Spawned<Void> a = Spawned.run(c1::receive);
        Spawned<Void> b = Spawned.run(() -> {
            Select.select()
                    .receive(c1, v -> { throw new AssertionError("dummy"); })
                    .receive(c2, v -> c3.send(true))
                    .run();
            c1.receive();
        });
        Spawned<Void> c = Spawned.run(() -> c2.send(true));
        c3.receive();
        c1.send(true);
        c1.send(true);
        a.join();
        b.join();
        c.join();
    }

    /**
     * Go's TestSelectFairness: two always-ready cases among four; over 10 000 trials each is chosen 5 000 ± 500 times.
     */
    @Test
    void selectFairness() throws Exception {
        int trials = 10_000;
        Channel<Integer> c1 = Channel.make(trials + 1), c2 = Channel.make(trials + 1);
        for (int i = 0; i < trials + 1; i++) {
            c1.send(1);
            c2.send(2);
        }
        Channel<Integer> c3 = Channel.make(), c4 = Channel.make();
        int cnt1 = 0, cnt2 = 0;
        for (int i = 0; i < trials; i++) {
            int b = Select.<Integer>returning().receive(c3, v -> v).receive(c4, v -> v)
                    .receive(c1, v -> v).receive(c2, v -> v).get();
            if (b == 1) {
                cnt1++;
            } else if (b == 2) {
                cnt2++;
            }
        }
        assertEquals(trials, cnt1 + cnt2);
        assertTrue(Math.abs(cnt1 - trials / 2) <= 500, "unfair select: " + cnt1 + " vs " + cnt2);
    }

    /** Go's TestPseudoRandomSend: a two-case send select on one channel picks each case often. */
    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 100})
    void pseudoRandomSend(int cap) throws Exception {
        int n = 100;
        Channel<Integer> c = Channel.make(cap);
        Spawned<int[]> receiver = Spawned.go(() -> {
            int[] l = new int[n];
            for (int i = 0; i < n; i++) {
                Thread.yield();
                l[i] = c.receive();
            }
            return l;
        });
        for (int i = 0; i < n; i++) {
            Select.select().send(c, 1, () -> { }).send(c, 0, () -> { }).run();
        }
        int n0 = 0, n1 = 0;
        for (int v : receiver.join()) {
            if (v == 0) {
                n0++;
            } else {
                n1++;
            }
        }
        assertTrue(n0 > n / 10 && n1 > n / 10, "want pseudorandom, got " + n0 + " zeros and " + n1 + " ones");
    }

    /** Go's test/chan/sieve1.go: the first 25 primes through a chain of filter goroutines. */
    @Test
    void sieve1() throws Exception {
        Channel<Integer> primes = Channel.make();
        Spawned<Void> sieve = Spawned.run(() -> {
            Channel<Integer> ch = Channel.make();
            Go.go(() -> { // generate 2, 3, 4, ... until the consumer stops reading
                try {
                    for (int i = 2; ; i++) {
                        ch.send(i);
                    }
                } catch (ChannelClosedException stop) {
                    // the sieve is done
                }
            });
            List<Channel<Integer>> chain = new ArrayList<>();
            chain.add(ch);
            Channel<Integer> in = ch;
            try {
                for (int k = 0; k < 25; k++) {
                    int prime = in.receive();
                    primes.send(prime);
                    Channel<Integer> next = Channel.make();
                    Channel<Integer> src = in;
                    Go.go(() -> { // filter: copy the values not divisible by prime
                        try {
                            for (int v : src) {
                                if (v % prime != 0) {
                                    next.send(v);
                                }
                            }
                        } catch (ChannelClosedException stop) {
                            // downstream closed
                        }
                        next.close();
                    });
                    chain.add(next);
                    in = next;
                }
            } finally {
                primes.close();
                // tear down the chain: closing the generator's channel stops it and the filters in turn
                ch.close();
                for (int v : in) {
                    assertTrue(v > 0); // drain the last filter so every goroutine can finish
                }
            }
        });
        List<Integer> got = new ArrayList<>();
        for (int p : primes) {
            got.add(p);
        }
        assertEquals(List.of(2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79,
                83, 89, 97), got);
        sieve.join();
    }

    @Nested
    class Interruption {
        @Test
        void aBlockedSelectIsInterruptibleAndLeavesNoRegistration() throws Exception {
            Channel<Integer> a = Channel.make(), b = Channel.make();
            Spawned<Void> s = Spawned.run(() -> Select.select().receive(a, v -> { }).send(b, 1, () -> { }).run())
                    .awaitBlocked();
            s.thread.interrupt();
            assertInstanceOf(InterruptedException.class, s.failure());
            assertFalse(a.trySend(1), "no receiver left on a");
            assertTrue(b.tryReceive().wouldBlock(), "no sender left on b");
        }

        @Test
        void aPendingInterruptFailsABlockingSelectButNotOneWithDefault() throws Exception {
            Channel<Integer> a = Channel.make(1);
            a.send(1);
            Spawned<Boolean> s = Spawned.go(() -> {
                Thread.currentThread().interrupt();
                boolean viaDefault = Select.<Boolean>returning().receive(a, v -> true).otherwise(() -> false).get();
                boolean stillSet = Thread.currentThread().isInterrupted();
                try {
                    Select.select().receive(a, v -> { }).run();
                    return false;
                } catch (InterruptedException expected) {
                    return viaDefault && stillSet;
                }
            });
            assertTrue(s.join());
        }
    }

    @Test
    void stressManySelectorsOnSharedChannelsDeliverEachValueOnce() throws Exception {
        int n = 200_000;
        Channel<Integer> a = Channel.make(), b = Channel.make(3);
        Channel<Integer> quit = Channel.make();
        AtomicIntegerArray seen = new AtomicIntegerArray(n);
        WaitGroup consumers = new WaitGroup();
        for (int c = 0; c < 4; c++) {
            consumers.go(() -> {
                boolean[] stop = {false};
                while (!stop[0]) {
                    Select.select()
                            .receive(a, v -> seen.incrementAndGet(v))
                            .receive(b, v -> seen.incrementAndGet(v))
                            .receive(quit, v -> stop[0] = true)
                            .run();
                }
            });
        }
        WaitGroup producers = new WaitGroup();
        for (int p = 0; p < 2; p++) {
            int base = p * (n / 2);
            producers.go(() -> {
                for (int i = 0; i < n / 2; i++) {
                    Select.select().send(a, base + i, () -> { }).send(b, base + i, () -> { }).run();
                }
            });
        }
        producers.await();
        // the buffer of b may still hold values: let the consumers drain it before they stop
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> b.len() == 0);
        quit.close();
        consumers.await();
        for (int i = 0; i < n; i++) {
            if (seen.get(i) != 1) {
                throw new AssertionError("value " + i + " seen " + seen.get(i) + " times");
            }
        }
    }
}
