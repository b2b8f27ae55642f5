package io.chanflow.time;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Time#after}, {@link Time#newTimer}, {@link Time#afterFunc} and {@link Timer}: Go 1.23's timer contract. */
@Timeout(60)
class TimerTest {
    /** Long enough never to fire during a test. */
    static final Duration LONG = Duration.ofHours(1);
    /** A generous bound for something that should happen promptly. */
    static final Duration WAIT = Duration.ofSeconds(10);

    @AfterEach
    void noGoroutineLeft() {
        await().atMost(Duration.ofSeconds(10)).until(() -> Go.numGoroutine() == 0);
    }

    @Nested
    class After {
        @Test
        void deliversTheTimeOnceAfterTheDuration() throws Exception {
            Instant before = Instant.now();
            long t0 = System.nanoTime();
            ReceiveChannel<Instant> c = Time.after(Duration.ofMillis(50));
            Received<Instant> r = c.receive(WAIT);
            long elapsed = System.nanoTime() - t0;
            assertTrue(r.ok(), "no value within " + WAIT);
            assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(50), "fired early, after " + elapsed + "ns");
            assertFalse(r.value().isBefore(before), "the value is the time of firing");
            assertTrue(c.receive(Duration.ofMillis(100)).wouldBlock(), "a timer fires once");
        }

        @Test
        void zeroAndNegativeDurationsFireAtOnce() {
            assertTrue(Time.after(Duration.ZERO).tryReceive().ok());
            assertTrue(Time.after(Duration.ofSeconds(-1)).tryReceive().ok());
            assertTrue(Time.newTimer(Duration.ofNanos(-1)).c().tryReceive().ok());
        }

        @Test
        void nullArgumentsAreRejected() {
            assertThrows(NullPointerException.class, () -> Time.after(null));
            assertThrows(NullPointerException.class, () -> Time.newTimer(null));
            assertThrows(NullPointerException.class, () -> Time.afterFunc(null, () -> { }));
            assertThrows(NullPointerException.class, () -> Time.afterFunc(LONG, null));
            Timer t = Time.newTimer(LONG);
            assertThrows(NullPointerException.class, () -> t.reset(null));
            assertTrue(t.stop(), "a rejected reset leaves the timer as it was");
        }

        @Test
        void theChannelHasCapacityOneAndIsAlwaysTheSame() {
            Timer t = Time.newTimer(Duration.ZERO);
            assertEquals(t.c(), t.c());
            assertEquals(1, t.c().cap(), "documented difference: Go reports 0");
            assertEquals(1, t.c().len(), "a fired time waits in the buffer");
        }

        @Test
        void durationsBeyondTheNanosecondRangeMeanNever() {
            Timer t = Time.newTimer(Duration.ofSeconds(Long.MAX_VALUE));
            assertTrue(t.c().tryReceive().wouldBlock());
            assertTrue(t.stop());
            assertTrue(Time.after(Duration.ofSeconds(Long.MIN_VALUE)).tryReceive().ok(), "hugely negative: at once");
        }
    }

    @Nested
    class StopAndReset {
        @Test
        void stoppingAPendingTimerReturnsTrueAndNothingIsDelivered() throws Exception {
            Timer t = Time.newTimer(Duration.ofMillis(100));
            assertTrue(t.stop());
            assertFalse(t.stop(), "already stopped");
            assertTrue(t.c().receive(Duration.ofMillis(300)).wouldBlock(), "a stopped timer never fires");
        }

        @Test
        void aFiredTimerWhoseTimeWasNotReceivedIsStillActiveAndStopDiscardsTheTime() {
            Timer t = Time.newTimer(Duration.ofMillis(1));
            await().atMost(WAIT).until(() -> t.c().len() == 1);
            assertTrue(t.stop(), "Go 1.23: not received yet, so Stop reports the timer active");
            assertTrue(t.c().tryReceive().wouldBlock(), "no stale value after stop");
            assertFalse(t.stop());
        }

        @Test
        void stoppingAfterTheTimeWasReceivedReturnsFalse() throws Exception {
            Timer t = Time.newTimer(Duration.ofMillis(1));
            assertTrue(t.c().receive(WAIT).ok());
            assertFalse(t.stop());
        }

        @Test
        void resetDiscardsAnUnreceivedTimeAndReportsTheTimerActive() throws Exception {
            Timer t = Time.newTimer(Duration.ZERO);
            Instant fired = Instant.now();
            assertTrue(t.reset(Duration.ofMillis(50)), "fired but not received: active");
            assertTrue(t.c().tryReceive().wouldBlock(), "no stale value after reset");
            Received<Instant> r = t.c().receive(WAIT);
            assertTrue(r.ok());
            assertFalse(r.value().isBefore(fired), "the value received is the new firing");
            assertTrue(t.c().tryReceive().wouldBlock(), "one value per firing");
        }

        @Test
        void resetOfAPendingTimerReturnsTrueAndMovesItsTime() throws Exception {
            Timer t = Time.newTimer(LONG);
            assertTrue(t.reset(Duration.ofMillis(10)));
            assertTrue(t.c().receive(WAIT).ok());
            assertFalse(t.stop());
        }

        @Test
        void resetOfAReceivedOrStoppedTimerReturnsFalseAndArmsItAgain() throws Exception {
            Timer t = Time.newTimer(Duration.ZERO);
            assertTrue(t.c().receive(WAIT).ok());
            assertFalse(t.reset(Duration.ZERO));
            assertTrue(t.c().tryReceive().ok(), "fires again");

            Timer s = Time.newTimer(LONG);
            assertTrue(s.stop());
            assertFalse(s.reset(Duration.ofMillis(1)));
            assertTrue(s.c().receive(WAIT).ok());
        }

        @Test
        void stopRacingTheClockReportsEveryUnreceivedTimerActiveAndLeavesNothingBehind() {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            int firedBeforeStop = 0;
            for (int i = 0; i < 5_000; i++) {
                Timer t = Time.newTimer(Duration.ofNanos(rnd.nextLong(0, 200_000)));
                spin(rnd.nextLong(0, 200_000));
                if (t.c().len() == 1) {
                    firedBeforeStop++;
                }
                assertTrue(t.stop(), "iteration " + i + ": nobody received, so the timer is active (Go 1.23)");
                assertTrue(t.c().tryReceive().wouldBlock(), "iteration " + i + ": a stale value after stop");
            }
            assertTrue(firedBeforeStop > 0, "the race never let the clock fire first");
        }

        @Test
        void resetRacingTheClockLeavesNoStaleValue() throws Exception {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            for (int i = 0; i < 2_000; i++) {
                Timer t = Time.newTimer(Duration.ofNanos(rnd.nextLong(0, 200_000)));
                spin(rnd.nextLong(0, 200_000));
                assertTrue(t.reset(LONG), "iteration " + i + ": nobody received, so the timer is active");
                assertTrue(t.c().tryReceive().wouldBlock(), "iteration " + i + ": a stale value after reset");
                assertTrue(t.stop());
            }
        }

        @Test
        void eitherStopWinsOrTheReceiverGetsTheTimeNeverBothNorNeither() throws Exception {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            for (int i = 0; i < 500; i++) {
                Timer t = Time.newTimer(Duration.ofNanos(rnd.nextLong(0, 300_000)));
                CompletableFuture<Boolean> received = new CompletableFuture<>();
                CountDownLatch receiving = new CountDownLatch(1);
                Go.go(() -> {
                    receiving.countDown();
                    received.complete(t.c().receive(Duration.ofMillis(1)).ok());
                });
                receiving.await();
                spin(rnd.nextLong(0, 300_000));
                boolean stopped = t.stop();
                boolean got = received.get(10, TimeUnit.SECONDS);
                assertNotEquals(stopped, got, "iteration " + i + ": stop() = " + stopped + ", received = " + got);
                assertTrue(t.c().tryReceive().wouldBlock());
            }
        }
    }

    @Nested
    class AfterFunc {
        @Test
        void runsOnceInItsOwnGoroutine() throws Exception {
            AtomicInteger runs = new AtomicInteger();
            AtomicReference<Thread> runner = new AtomicReference<>();
            CountDownLatch ran = new CountDownLatch(1);
            Timer t = Time.afterFunc(Duration.ofMillis(10), () -> {
                runner.set(Thread.currentThread());
                runs.incrementAndGet();
                ran.countDown();
            });
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            assertTrue(runner.get().isVirtual(), "f runs in a goroutine, not on the clock thread");
            assertFalse(t.stop(), "f was started: too late to stop");
            await().atMost(WAIT).until(() -> Go.numGoroutine() == 0);
            assertTrue(Time.after(Duration.ofMillis(50)).receive(WAIT).ok());
            assertEquals(1, runs.get(), "a one-shot timer runs f once");
        }

        @Test
        void stopBeforeTheTimePreventsTheRun() throws Exception {
            AtomicInteger runs = new AtomicInteger();
            long t0 = System.nanoTime();
            Timer t = Time.afterFunc(Duration.ofMillis(100), runs::incrementAndGet);
            boolean stopped = t.stop();
            assumeTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(100), "the machine stalled");
            assertTrue(stopped);
            assertFalse(t.stop());
            assertTrue(Time.after(Duration.ofMillis(300)).receive(WAIT).ok());
            assertEquals(0, runs.get(), "stop() returned true, so f must never run");
        }

        @Test
        void aZeroDurationRunsAtOnceAndStopThenReportsFalse() throws Exception {
            CountDownLatch ran = new CountDownLatch(1);
            Timer t = Time.afterFunc(Duration.ZERO, ran::countDown);
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            assertFalse(t.stop());
        }

        @Test
        void resetReschedulesAPendingRunOrRunsAgain() {
            AtomicInteger runs = new AtomicInteger();
            Timer t = Time.afterFunc(LONG, runs::incrementAndGet);
            assertTrue(t.reset(Duration.ofMillis(5)), "pending: reset reschedules it");
            await().atMost(WAIT).until(() -> runs.get() == 1);
            assertFalse(t.reset(Duration.ZERO), "already ran: reset schedules it again");
            await().atMost(WAIT).until(() -> runs.get() == 2);
        }

        @Test
        void stopRacingTheClockPreventsTheRunExactlyWhenItReturnsTrue() throws Exception {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            AtomicInteger runs = new AtomicInteger();
            int stops = 0;
            int n = 2_000;
            for (int i = 0; i < n; i++) {
                Timer t = Time.afterFunc(Duration.ofNanos(rnd.nextLong(0, 200_000)), runs::incrementAndGet);
                spin(rnd.nextLong(0, 200_000));
                if (t.stop()) {
                    stops++;
                }
            }
            await().atMost(WAIT).until(() -> Go.numGoroutine() == 0);
            assertEquals(n - stops, runs.get(), "every timer whose stop() returned false ran, and no other");
        }

        @Test
        void hasNoChannel() {
            Timer t = Time.afterFunc(LONG, () -> { });
            IllegalStateException e = assertThrows(IllegalStateException.class, t::c);
            assertEquals("time: a Timer made by AfterFunc has no channel", e.getMessage());
            assertTrue(t.stop());
        }
    }

    @Nested
    class SharedClock {
        @Test
        void tenThousandPendingTimersShareOneThreadAndLeaveTheQueueWhenStopped() {
            int before = Scheduler.pending();
            long t0 = System.nanoTime();
            List<Timer> timers = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                timers.add(i % 2 == 0 ? Time.newTimer(LONG) : Time.afterFunc(LONG, () -> { }));
            }
            assertTrue(Scheduler.pending() >= before + 10_000, "each pending timer is one heap entry");
            assertEquals(1, Scheduler.threads(), "no thread per timer");
            for (Timer t : timers) {
                assertTrue(t.stop());
            }
            assertTrue(Scheduler.pending() <= before, "stopped timers leave the clock's queue at once");
            long elapsed = System.nanoTime() - t0;
            assertTrue(elapsed < TimeUnit.SECONDS.toNanos(10), "10 000 timers took " + elapsed / 1_000_000 + " ms");
            assertNotNull(Time.after(Duration.ZERO).tryReceive().value(), "the clock still works");
        }
    }

    /** Busy-waits about {@code nanos}: moves the caller against the clock thread without parking. */
    static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
