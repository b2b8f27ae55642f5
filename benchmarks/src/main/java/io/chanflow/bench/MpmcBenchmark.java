package io.chanflow.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Four producers and four consumers on one channel of capacity 1024, moving {@link Items#COUNT} items in total.
 * Producer {@code p} sends the {@code p}-th quarter of the items; each consumer receives exactly a quarter, so
 * every consumer knows when to stop without a poison pill and without closing the channel. Score: nanoseconds
 * per item (not per item and thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MpmcBenchmark {

    static final int PRODUCERS = 4;
    static final int CONSUMERS = 4;
    static final int CAPACITY = 1024;

    /** See {@link Conduit#open}. */
    @Param({"chanflow", "jox", "abq"})
    public String contender;

    private Conduit conduit;
    private Integer[] items;

    @Setup
    public void setUp() {
        if (Items.COUNT % PRODUCERS != 0 || Items.COUNT % CONSUMERS != 0) {
            throw new IllegalStateException("item count must split evenly among producers and consumers");
        }
        conduit = Conduit.open(contender, CAPACITY);
        items = Items.boxed(Items.COUNT);
    }

    @Benchmark
    @OperationsPerInvocation(Items.COUNT)
    public long fourByFour() throws Exception {
        Conduit c = conduit;
        Integer[] xs = items;
        long[] sums = new long[CONSUMERS]; // each slot written once, by its consumer, before it ends
        Workers workers = new Workers();
        int takes = xs.length / CONSUMERS;
        for (int k = 0; k < CONSUMERS; k++) {
            int slot = k;
            workers.start("consumer-" + k, () -> {
                long s = 0;
                for (int i = 0; i < takes; i++) {
                    s += (Integer) c.take();
                }
                sums[slot] = s;
            });
        }
        int share = xs.length / PRODUCERS;
        for (int p = 0; p < PRODUCERS; p++) {
            int from = p * share;
            workers.start("producer-" + p, () -> {
                for (int i = from; i < from + share; i++) {
                    c.put(xs[i]);
                }
            });
        }
        workers.join();
        long total = 0;
        for (long s : sums) {
            total += s;
        }
        return Items.verify(xs.length, total);
    }
}
