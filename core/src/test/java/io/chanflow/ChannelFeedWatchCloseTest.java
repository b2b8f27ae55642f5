package io.chanflow;

import io.chanflow.feed.ChannelFeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ChannelFeed#watchClose}: learning that a channel closed without receiving from it. */
@Timeout(60)
class ChannelFeedWatchCloseTest {

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    @Test
    void runsOnceWhenTheChannelCloses() {
        Channel<Integer> ch = Channel.make();
        AtomicInteger runs = new AtomicInteger();
        ChannelFeed.watchClose(ch, runs::incrementAndGet);
        assertEquals(0, runs.get(), "not before the close");
        ch.close();
        assertEquals(1, runs.get());
        Received<Integer> r = ch.tryReceive();
        assertTrue(r.isClosed(), "closed with len() 0: tryReceive reports the closure");
        assertNull(r.cause());
    }

    @Test
    void runsAtOnceForAChannelClosedAlready() {
        Channel<Integer> ch = Channel.make(1);
        RuntimeException cause = new RuntimeException("failed");
        ch.close(cause);
        AtomicInteger runs = new AtomicInteger();
        ChannelFeed.watchClose(ch, runs::incrementAndGet);
        assertEquals(1, runs.get());
        assertSame(cause, ch.tryReceive().cause());
    }

    @Test
    void aClosedChannelWithBufferedElementsIsNotDrainedYet() throws Exception {
        Channel<Integer> ch = Channel.make(2);
        ch.send(1);
        AtomicInteger runs = new AtomicInteger();
        ChannelFeed.watchClose(ch, runs::incrementAndGet);
        ch.close();
        assertEquals(1, runs.get());
        assertEquals(1, ch.len(), "the watcher takes nothing");
        assertEquals(1, ch.receive());
        assertTrue(ch.tryReceive().isClosed());
    }

    @Test
    void theHandleUnregisters() {
        Channel<Integer> ch = Channel.make();
        AtomicInteger runs = new AtomicInteger();
        Runnable unwatch = ChannelFeed.watchClose(ch, runs::incrementAndGet);
        unwatch.run();
        unwatch.run();
        ch.close();
        assertEquals(0, runs.get());
    }

    @Test
    void aFeedsCloseRunsItsWatchers() {
        ChannelFeed<Integer> feed = new ChannelFeed<>(0, n -> { });
        AtomicInteger runs = new AtomicInteger();
        ChannelFeed.watchClose(feed.channel(), runs::incrementAndGet);
        assertTrue(feed.offer(7));
        feed.close();
        assertEquals(1, runs.get());
        assertEquals(1, feed.channel().len(), "the one element an unbuffered feed holds is still there");
    }

    @Test
    void theNilChannelIsNeverClosed() {
        AtomicInteger runs = new AtomicInteger();
        Runnable unwatch = ChannelFeed.watchClose(Channel.nil(), runs::incrementAndGet);
        unwatch.run();
        assertEquals(0, runs.get());
    }

    @Test
    void aWatcherRacingTheCloseRunsExactlyOnce() throws Exception {
        for (int i = 0; i < 2_000; i++) {
            Channel<Integer> ch = Channel.make();
            CountDownLatch start = new CountDownLatch(1);
            Spawned<Void> closer = Spawned.go(() -> {
                start.await();
                ch.close();
                return null;
            });
            AtomicInteger runs = new AtomicInteger();
            start.countDown();
            ChannelFeed.watchClose(ch, runs::incrementAndGet);
            closer.join();
            assertEquals(1, runs.get(), "iteration " + i);
        }
    }
}
