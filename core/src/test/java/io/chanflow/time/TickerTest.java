package io.chanflow.time;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Go;
import io.chanflow.Received;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Time#newTicker} and {@link Ticker}: periodic ticks, dropped for a slow receiver, Go 1.23's stop/reset. */
@Timeout(60)
class TickerTest {
    static final Duration WAIT = TimerTest.WAIT;

    @AfterEach
    void noGoroutineLeft() {
        await().atMost(Duration.ofSeconds(10)).until(() -> Go.numGoroutine() == 0);
    }

    @Test
    void ticksEveryInterval() throws Exception {
        long t0 = System.nanoTime();
        Ticker t = Time.newTicker(Duration.ofMillis(10));
        try {
            Instant previous = Instant.MIN;
            for (int i = 0; i < 5; i++) {
                Received<Instant> r = t.c().receive(WAIT);
                assertTrue(r.ok(), "tick " + i + " missing");
                assertTrue(r.value().isAfter(previous), "ticks carry increasing times");
                previous = r.value();
            }
            assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(50).toNanos(), "five ticks came early");
        } finally {
            t.stop();
        }
    }

    @Test
    void dropsTicksForASlowReceiverInsteadOfQueueingThem() throws Exception {
        Duration period = Duration.ofMillis(10);
        Ticker t = Time.newTicker(period);
        try {
            assertTrue(t.c().receive(WAIT).ok());
            // Be a slow receiver: about 30 ticks come while we do not receive.
            assertTrue(Time.after(period.multipliedBy(30)).receive(WAIT).ok());
            assertEquals(1, t.c().len(), "at most one tick waits");
            Instant waiting = t.c().receive();
            Instant next = t.c().receive(WAIT).value();
            // Queued ticks would follow one period apart; dropped ones leave a gap as long as the pause.
            Duration gap = Duration.between(waiting, next);
            assertTrue(gap.compareTo(period.multipliedBy(5)) > 0, "the ticks were queued: gap " + gap);
        } finally {
            t.stop();
        }
    }

    @Test
    void stopDiscardsAnUnreceivedTickAndEndsTheTicking() throws Exception {
        Ticker t = Time.newTicker(Duration.ofMillis(5));
        await().atMost(WAIT).until(() -> t.c().len() == 1);
        t.stop();
        assertTrue(t.c().tryReceive().wouldBlock(), "no stale tick after stop");
        assertTrue(t.c().receive(Duration.ofMillis(100)).wouldBlock(), "no tick after stop");
        t.stop(); // idempotent
    }

    @Test
    void resetDiscardsAnUnreceivedTickAndRestartsWithTheNewInterval() throws Exception {
        Ticker t = Time.newTicker(Duration.ofMillis(5));
        try {
            await().atMost(WAIT).until(() -> t.c().len() == 1);
            t.reset(Duration.ofHours(1));
            assertTrue(t.c().tryReceive().wouldBlock(), "no stale tick after reset");
            assertTrue(t.c().receive(Duration.ofMillis(100)).wouldBlock(), "the new interval applies");
            t.reset(Duration.ofMillis(5));
            assertTrue(t.c().receive(WAIT).ok());
            assertTrue(t.c().receive(WAIT).ok(), "it keeps ticking");
        } finally {
            t.stop();
        }
    }

    @Test
    void resetRestartsAStoppedTicker() throws Exception {
        Ticker t = Time.newTicker(Duration.ofHours(1));
        t.stop();
        t.reset(Duration.ofMillis(5));
        try {
            assertTrue(t.c().receive(WAIT).ok());
        } finally {
            t.stop();
        }
    }

    @Test
    void nonPositiveIntervalsAreRejectedWithGosMessages() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Time.newTicker(Duration.ZERO));
        assertEquals("non-positive interval for NewTicker", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Time.newTicker(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> Time.newTicker(null));

        Ticker t = Time.newTicker(Duration.ofMillis(5));
        try {
            e = assertThrows(IllegalArgumentException.class, () -> t.reset(Duration.ZERO));
            assertEquals("non-positive interval for Ticker.Reset", e.getMessage());
            assertThrows(NullPointerException.class, () -> t.reset(null));
            assertTrue(t.c().receive(WAIT).ok(), "a rejected reset leaves the ticker running");
        } finally {
            t.stop();
        }
    }

    @Test
    void theChannelHasCapacityOneAndIsAlwaysTheSame() {
        Ticker t = Time.newTicker(Duration.ofHours(1));
        try {
            assertEquals(t.c(), t.c());
            assertEquals(1, t.c().cap(), "documented difference: Go reports 0");
        } finally {
            t.stop();
        }
    }
}
