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
 * Single producer, single consumer on a buffered channel: one virtual thread sends {@link Items#COUNT} items,
 * another receives them. The buffer lets both run without a rendezvous per item, so this measures throughput.
 * Score: nanoseconds per item.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BufferedBenchmark {

    /** See {@link Conduit#open}. */
    @Param({"chanflow", "jox", "abq"})
    public String contender;

    @Param({"16", "1024"})
    public int capacity;

    private Conduit conduit;
    private Integer[] items;

    @Setup
    public void setUp() {
        conduit = Conduit.open(contender, capacity);
        items = Items.boxed(Items.COUNT);
    }

    @Benchmark
    @OperationsPerInvocation(Items.COUNT)
    public long spsc() throws Exception {
        return Workers.oneWay(conduit, items);
    }
}
