package io.chanflow;

import io.chanflow.feed.ChannelFeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link ReceiveChannel#drainTo}: {@code tryReceive} in a loop, atomically per chunk — what is
 * ready now, in receive order, up to {@code max}, releasing blocked senders, never blocking.
 */
@Timeout(60)
class ChannelDrainToTest {

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {1, 16, 200})
    void takesTheBufferedValuesInOrderUpToMax(int capacity) throws Exception {
        Channel<Integer> ch = Channel.make(capacity);
        for (int i = 0; i < capacity; i++) {
            ch.send(i);
        }
        List<Integer> got = new ArrayList<>();
        int half = (capacity + 1) / 2;
        assertEquals(half, ch.drainTo(got, half));
        assertEquals(range(0, half), got);
        assertEquals(capacity - half, ch.len());
        assertEquals(capacity - half, ch.drainTo(got, Integer.MAX_VALUE));
        assertEquals(range(0, capacity), got);
        assertEquals(0, ch.len());
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 16})
    void takesNothingFromAnEmptyOpenOrAClosedDrainedChannel(int capacity) {
        Channel<Integer> ch = Channel.make(capacity);
        List<Integer> got = new ArrayList<>();
        assertEquals(0, ch.drainTo(got, 10));
        ch.close();
        assertEquals(0, ch.drainTo(got, 10));
        assertTrue(got.isEmpty());
        assertTrue(ch.tryReceive().isClosed(), "drainTo does not hide the closure from a later receive");
    }

    @Test
    void valuesBufferedBeforeACloseAreStillDrained() throws Exception {
        Channel<Integer> ch = Channel.make(4);
        ch.send(1);
        ch.send(2);
        ch.close(new IllegalStateException("failed"));
        List<Integer> got = new ArrayList<>();
        assertEquals(2, ch.drainTo(got, 10));
        assertEquals(List.of(1, 2), got);
        assertEquals(0, ch.drainTo(got, 10), "closure is not a value");
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 2})
    void releasesBlockedSendersInFifoOrder(int capacity) throws Exception {
        Channel<Integer> ch = Channel.make(capacity);
        for (int i = 0; i < capacity; i++) {
            ch.send(i);
        }
        List<Spawned<Void>> senders = new ArrayList<>();
        for (int i = capacity; i < capacity + 3; i++) {
            int v = i;
            Spawned<Void> s = Spawned.run(() -> ch.send(v));
            s.awaitBlocked();
            senders.add(s);
        }
        List<Integer> got = new ArrayList<>();
        assertEquals(capacity + 3, ch.drainTo(got, 100));
        assertEquals(range(0, capacity + 3), got, "buffer first, then the senders in the order they blocked");
        for (Spawned<Void> s : senders) {
            s.join(); // each released sender's send completed normally
        }
        assertEquals(0, ch.len());
    }

    @Test
    void stopsAtMaxEvenWithSendersWaiting() throws Exception {
        Channel<Integer> ch = Channel.make();
        Spawned<Void> first = Spawned.run(() -> ch.send(1));
        first.awaitBlocked();
        Spawned<Void> second = Spawned.run(() -> ch.send(2));
        second.awaitBlocked();
        List<Integer> got = new ArrayList<>();
        assertEquals(1, ch.drainTo(got, 1));
        first.join();
        assertTrue(!second.isDone(), "the second sender still waits");
        assertEquals(2, ch.receive());
        second.join();
    }

    @Test
    void nonPositiveMaxTakesNothingAndNullIsRejected() throws Exception {
        Channel<Integer> ch = Channel.make(2);
        ch.send(1);
        List<Integer> got = new ArrayList<>();
        assertEquals(0, ch.drainTo(got, 0));
        assertEquals(0, ch.drainTo(got, -5));
        assertThrows(NullPointerException.class, () -> ch.drainTo(null, 1));
        assertEquals(1, ch.len(), "the channel is untouched");
        Channel<Integer> nil = Channel.nil();
        assertEquals(0, nil.drainTo(got, 5));
        assertThrows(NullPointerException.class, () -> nil.drainTo(null, 1));
    }

    @Test
    void aFeedIsToldOfEveryDrainedValue() {
        AtomicInteger taken = new AtomicInteger();
        ChannelFeed<Integer> feed = new ChannelFeed<>(100, taken::addAndGet);
        for (int i = 0; i < 100; i++) {
            assertTrue(feed.offer(i));
        }
        List<Integer> got = new ArrayList<>();
        assertEquals(100, feed.channel().drainTo(got, 1000)); // more than one chunk
        assertEquals(range(0, 100), got);
        assertEquals(100, taken.get());
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 64})
    void manySendersOneDrainerEveryValueExactlyOnce(int capacity) throws Exception {
        int senders = 4;
        int perSender = 20_000;
        Channel<Integer> ch = Channel.make(capacity);
        List<Spawned<Void>> producing = new ArrayList<>();
        for (int p = 0; p < senders; p++) {
            int base = p * perSender;
            producing.add(Spawned.run(() -> {
                for (int i = 0; i < perSender; i++) {
                    ch.send(base + i);
                }
            }));
        }
        Spawned<Void> closer = Spawned.run(() -> {
            for (Spawned<Void> s : producing) {
                s.join();
            }
            ch.close();
        });
        BitSet seen = new BitSet(senders * perSender);
        int[] lastPerSender = new int[senders];
        java.util.Arrays.fill(lastPerSender, -1);
        List<Integer> batch = new ArrayList<>();
        int total = 0;
        for (;;) {
            batch.clear();
            if (ch.drainTo(batch, 37) == 0) {
                Received<Integer> r = ch.receiveOrClosed(); // block for the next one, as a batching consumer does
                if (r.isClosed()) {
                    break;
                }
                batch.add(r.value());
            }
            for (int v : batch) {
                assertTrue(!seen.get(v), "value " + v + " received twice");
                seen.set(v);
                int sender = v / perSender;
                assertTrue(v > lastPerSender[sender], "FIFO per sender");
                lastPerSender[sender] = v;
                total++;
            }
        }
        closer.join();
        assertEquals(senders * perSender, total);
        assertEquals(senders * perSender, seen.cardinality());
    }
}
