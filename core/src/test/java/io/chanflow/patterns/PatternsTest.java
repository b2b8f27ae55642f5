package io.chanflow.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Patterns}: every value exactly once, outputs closed, and no goroutine left after early exit. */
@Timeout(120)
class PatternsTest {
    private CancelContext ctx;

    @BeforeEach
    void context() {
        ctx = Context.withCancel(Context.background());
    }

    @AfterEach
    void noGoroutineLeft() {
        ctx.cancel();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> Go.numGoroutine() == 0);
    }

    private static ReceiveChannel<Integer> range(Context ctx, int n) {
        return Patterns.generate(ctx, 0, out -> {
            for (int i = 0; i < n; i++) {
                out.send(ctx, i);
            }
        });
    }

    /** Asserts that {@code out} delivers each of 0..n-1 exactly once, then closes. */
    private static void assertExactlyOnce(ReceiveChannel<Integer> out, int n) {
        AtomicIntegerArray seen = new AtomicIntegerArray(n);
        int count = 0;
        for (int v : out) {
            assertEquals(0, seen.getAndIncrement(v), "duplicate " + v);
            count++;
        }
        assertEquals(n, count);
    }

    @Test
    void genThenSquare() {
        ReceiveChannel<Integer> squares = Patterns.map(ctx, Patterns.gen(ctx, 1, 2, 3, 4), 1, n -> n * n);
        List<Integer> got = new ArrayList<>();
        for (int s : squares) {
            got.add(s);
        }
        assertEquals(List.of(1, 4, 9, 16), got);
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 4, 16})
    void workerPoolDeliversEveryResultOnceAndNeverRunsMoreThanItsWorkers(int workers) {
        AtomicInteger active = new AtomicInteger(), maxActive = new AtomicInteger();
        ReceiveChannel<Integer> results = Patterns.map(ctx, range(ctx, 20_000), workers, v -> {
            int a = active.incrementAndGet();
            maxActive.accumulateAndGet(a, Math::max);
            Thread.yield();
            active.decrementAndGet();
            return v;
        });
        assertExactlyOnce(results, 20_000);
        assertTrue(maxActive.get() <= workers, "at most " + workers + " at once, saw " + maxActive.get());
    }

    @Test
    void fanOutSharesTheInputAndMergeJoinsTheOutputs() {
        List<ReceiveChannel<Integer>> outs = Patterns.fanOut(ctx, range(ctx, 10_000), 4, v -> v);
        assertEquals(4, outs.size());
        assertExactlyOnce(Patterns.merge(ctx, outs), 10_000);
    }

    @Test
    void mergeClosesWhenEveryInputIsClosedAndKeepsEachInputsOrder() {
        List<ReceiveChannel<Integer>> ins = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            int base = k * 1000;
            ins.add(Patterns.generate(ctx, 0, out -> {
                for (int i = 0; i < 1000; i++) {
                    out.send(ctx, base + i);
                }
            }));
        }
        int[] last = {-1, -1, -1, -1, -1};
        int count = 0;
        for (int v : Patterns.merge(ctx, ins)) {
            assertTrue(v > last[v / 1000], "input order kept");
            last[v / 1000] = v;
            count++;
        }
        assertEquals(5000, count);
        assertEquals(0, Patterns.merge(ctx, List.of()).stream().count(), "no inputs: closed at once");
    }

    @Test
    void mapOrderedKeepsTheInputOrderWhateverTheWorkersTake() {
        ReceiveChannel<Integer> out = Patterns.mapOrdered(ctx, range(ctx, 5_000), 8, v -> {
            for (int i = ThreadLocalRandom.current().nextInt(20); i > 0; i--) {
                Thread.yield(); // uneven work, so results complete out of order
            }
            return v * 2;
        });
        int expected = 0;
        for (int v : out) {
            assertEquals(expected * 2, v);
            expected++;
        }
        assertEquals(5_000, expected);
    }

    @Test
    void mapOrderedSkipsAValueWhoseFunctionFailedAndGoesOn() throws Exception {
        AtomicReference<Throwable> reported = new AtomicReference<>();
        ReceiveChannel<Integer> out = Patterns.mapOrdered(ctx, Patterns.gen(ctx, 1, 2, 3, 4, 5), 2, v -> {
            if (v == 3) {
                // this worker's own handler (no global state): the failure must be reported, not swallowed
                Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.set(e));
                throw new IllegalStateException("bad value 3");
            }
            return v;
        });
        List<Integer> got = new ArrayList<>();
        for (int v : out) {
            got.add(v);
        }
        assertEquals(List.of(1, 2, 4, 5), got);
        await().until(() -> reported.get() != null);
        assertEquals("bad value 3", reported.get().getMessage());
    }

    @Test
    void teeGivesEveryOutputEveryValueInOrder() throws Exception {
        List<ReceiveChannel<Integer>> outs = Patterns.tee(ctx, range(ctx, 1000), 3);
        AtomicReference<String> error = new AtomicReference<>();
        io.chanflow.WaitGroup wg = new io.chanflow.WaitGroup();
        for (ReceiveChannel<Integer> out : outs) {
            wg.go(() -> {
                int expected = 0;
                for (int v : out) {
                    if (v != expected) {
                        error.set("expected " + expected + ", got " + v);
                    }
                    expected++;
                }
                if (expected != 1000) {
                    error.set("got " + expected + " values");
                }
            });
        }
        wg.await();
        assertEquals(null, error.get());
    }

    @Test
    void bridgeFlattensAChannelOfChannelsInOrder() {
        ReceiveChannel<ReceiveChannel<Integer>> chans = Patterns.generate(ctx, 0, out -> {
            for (int k = 0; k < 10; k++) {
                Channel<Integer> inner = Channel.make(10);
                for (int i = 0; i < 10; i++) {
                    inner.send(k * 10 + i);
                }
                inner.close();
                out.send(ctx, inner);
            }
        });
        assertEquals(IntStream.range(0, 100).boxed().toList(), Patterns.bridge(ctx, chans).stream().toList());
    }

    @Test
    void orDoneRelaysUntilTheInputCloses() {
        assertEquals(List.of(1, 2, 3), Patterns.orDone(ctx, Patterns.gen(ctx, 1, 2, 3)).stream().toList());
    }

    @Test
    void orDoneStopsAndClosesOnCancellationOfAChannelItDoesNotOwn() throws Exception {
        Channel<Integer> foreign = Channel.make(); // nobody ever sends or closes it
        try (CancelContext local = Context.withCancel(ctx)) {
            ReceiveChannel<Integer> out = Patterns.orDone(local, foreign);
            local.cancel();
            assertTrue(out.receiveOrClosed().isClosed());
        }
    }

    /** The tutorial's leak rule: a consumer that stops early cancels, and every goroutine of every pattern ends. */
    @Test
    void aConsumerThatStopsEarlyAndCancelsLeavesNoGoroutine() throws Exception {
        ReceiveChannel<Integer> merged = takeHundredFromAnInfinitePipeline(ctx);
        assertTrue(Go.numGoroutine() > 10, "the pipeline is running");
        ctx.cancel();
        await().atMost(Duration.ofSeconds(10)).until(() -> Go.numGoroutine() == 0);
        // the outputs are closed, so a late consumer ends too
        assertFalse(merged.stream().anyMatch(v -> v < 0));
    }

    /**
     * The same pipeline, built and cancelled 500 times. Its stages are selects over their own channel and the one done
     * channel, and it once livelocked about once in 75 runs: a select holding one channel's lock yielded its carrier
     * while it waited for the done channel's lock, and the workers spinning for the lock it held kept both carriers
     * busy. Each run takes its hundred values on a fresh thread, and must end within a bound; between runs the test
     * thread spins until the goroutines are gone, keeping a CPU from the carriers as a loaded machine does.
     */
    @Test
    void startingAndCancellingPipelinesRepeatedlyNeverLivelocks() throws Exception {
        for (int run = 0; run < 500; run++) {
            java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread.ofPlatform().start(() -> {
                try (CancelContext local = Context.withCancel(ctx)) {
                    takeHundredFromAnInfinitePipeline(local);
                } catch (Throwable e) {
                    failed.set(e);
                } finally {
                    ended.countDown();
                }
            });
            int r = run;
            assertTrue(ended.await(30, java.util.concurrent.TimeUnit.SECONDS),
                    () -> "run " + r + " is stuck; goroutines:\n" + io.chanflow.Goroutines.dump());
            if (failed.get() != null) {
                throw new AssertionError(failed.get());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Go.numGoroutine() != 0) {
                assertTrue(System.nanoTime() < deadline, () -> "goroutines left after run " + r);
                Thread.onSpinWait();
            }
        }
    }

    /** generate → map → mapOrdered → tee → (orDone, gen + bridge) → merge; takes 100 values. */
    private static ReceiveChannel<Integer> takeHundredFromAnInfinitePipeline(Context ctx) throws Exception {
        ReceiveChannel<Integer> infinite = Patterns.generate(ctx, 0, out -> {
            for (int i = 0; ; i++) {
                out.send(ctx, i);
            }
        });
        List<ReceiveChannel<Integer>> teed = Patterns.tee(ctx, Patterns.mapOrdered(ctx,
                Patterns.map(ctx, infinite, 4, v -> v), 4, v -> v), 2);
        ReceiveChannel<Integer> merged = Patterns.merge(ctx, List.of(Patterns.orDone(ctx, teed.get(0)),
                Patterns.bridge(ctx, Patterns.gen(ctx, teed.get(1)))));
        for (int i = 0; i < 100; i++) {
            merged.receive();
        }
        return merged;
    }

    @Test
    void badArgumentsAreRejected() {
        Channel<Integer> in = Channel.make();
        assertThrows(IllegalArgumentException.class, () -> Patterns.map(ctx, in, 0, v -> v));
        assertThrows(IllegalArgumentException.class, () -> Patterns.mapOrdered(ctx, in, 0, v -> v));
        assertThrows(IllegalArgumentException.class, () -> Patterns.tee(ctx, in, 0));
        assertThrows(NullPointerException.class, () -> Patterns.orDone(null, in));
    }
}
