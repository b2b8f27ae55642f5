package io.chanflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scenarios of Go's own channel tests ({@code test/closedchan.go}, {@code test/chan/fifo.go}, {@code goroutines.go}). */
@Timeout(120)
class GoChanTest {

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    /** closedchan: capacity 2, send 1, close; receive 1, then closure three times through each receive form. */
    @Test
    void closedchan() throws Exception {
        Channel<Integer> ch = Channel.make(2);
        ch.send(1);
        ch.close();
        Received<Integer> first = ch.receiveOrClosed();
        assertTrue(first.ok());
        assertEquals(1, first.value());
        for (int i = 0; i < 3; i++) {
            assertThrows(ChannelClosedException.class, ch::receive, "v := <-c");
            Received<Integer> r = ch.receiveOrClosed(); // v, ok := <-c
            assertFalse(r.ok());
            assertTrue(r.isClosed());
            assertEquals(null, r.value(), "Go yields the zero value");
            Received<Integer> nb = ch.tryReceive(); // select { case v, ok := <-c: ... default: }
            assertTrue(nb.isClosed(), "a closed channel is always ready");
            assertTrue(ch.receive(Duration.ofHours(1)).isClosed());
            int n = 0;
            for (Integer ignored : ch) { // for range c
                n++;
            }
            assertEquals(0, n);
            assertEquals(0L, ch.stream().count());
        }
        assertThrows(ChannelClosedException.class, () -> ch.send(2), "send on closed channel");
        assertThrows(ChannelClosedException.class, () -> ch.trySend(2));
        assertThrows(IllegalStateException.class, ch::close, "close of closed channel");
    }

    /** fifo.AsynchFifo: a buffered channel delivers in send order. */
    @Test
    void asynchFifo() throws Exception {
        int n = 10;
        Channel<Integer> ch = Channel.make(n);
        for (int i = 0; i < n; i++) {
            ch.send(i);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i, ch.receive());
        }
    }

    /**
     * fifo.SynchFifo: a chain of 10 goroutines over an unbuffered channel, each waiting for its predecessor's
     * signal before receiving; the values arrive in order.
     */
    @Test
    void synchFifo() throws Exception {
        int n = 10;
        Channel<Integer> ch = Channel.make();
        Channel<Integer> in = Channel.make();
        Channel<Integer> start = in;
        WaitGroup wg = new WaitGroup();
        java.util.concurrent.ConcurrentLinkedQueue<String> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i < n; i++) {
            Channel<Integer> out = Channel.make();
            Channel<Integer> myIn = in;
            int val = i;
            wg.go(() -> {
                myIn.receive();
                int got = ch.receive();
                if (got != val) {
                    errors.add("expected " + val + ", got " + got);
                }
                out.send(1);
            });
            in = out;
        }
        start.send(0);
        for (int i = 0; i < n; i++) {
            ch.send(i);
        }
        in.receive();
        wg.await();
        assertTrue(errors.isEmpty(), errors.toString());
    }

    /** goroutines.go / chain: 100 000 goroutines passing a value along a chain of unbuffered channels. */
    @Test
    void chainOf100000Goroutines() throws Exception {
        int n = 100_000;
        Channel<Integer> leftmost = Channel.make();
        Channel<Integer> left = leftmost;
        for (int i = 0; i < n; i++) {
            Channel<Integer> right = Channel.make();
            Channel<Integer> l = left;
            Go.go(() -> l.send(1 + right.receive()));
            left = right;
        }
        Channel<Integer> rightmost = left;
        Go.go(() -> rightmost.send(1));
        assertEquals(n + 1, leftmost.receive());
    }
}
