package io.chanflow.bench;

import io.chanflow.Channel;
import io.chanflow.Select;
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
 * A consumer selecting over two channels, each fed by its own producer: Go's {@code select { case v := <-a: case
 * v := <-b: }} in a loop. All three are virtual threads. Score: nanoseconds per item received.
 *
 * <p>Contenders: Chanflow's {@link Select} and jox's {@code Select.select(a.receiveClause(), b.receiveClause())},
 * over unbuffered channels (capacity 0) and buffered ones (capacity 16).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SelectBenchmark {

    @Param({"chanflow", "jox"})
    public String contender;

    @Param({"0", "16"})
    public int capacity;

    private Integer[] items;

    @Setup
    public void setUp() {
        items = Items.boxed(Items.COUNT);
    }

    @Benchmark
    @OperationsPerInvocation(Items.COUNT)
    public long selectOverTwo() throws Exception {
        Conduit a = Conduit.open(contender, capacity), b = Conduit.open(contender, capacity);
        Integer[] xs = items;
        int half = xs.length / 2;
        long[] sum = new long[1];
        Workers workers = new Workers();
        workers.start("consumer", () -> {
            long s = 0;
            for (int i = 0; i < xs.length; i++) {
                s += selectTake(a, b);
            }
            sum[0] = s;
        });
        workers.start("producer-a", () -> {
            for (int i = 0; i < half; i++) {
                a.put(xs[i]);
            }
        });
        workers.start("producer-b", () -> {
            for (int i = half; i < xs.length; i++) {
                b.put(xs[i]);
            }
        });
        workers.join();
        return Items.verify(xs.length, sum[0]);
    }

    /** One select receiving from whichever of the two channels is ready, in the contender's own select. */
    private static Integer selectTake(Conduit a, Conduit b) throws InterruptedException {
        if (a instanceof ChanflowConduit(Channel<Object> ca) && b instanceof ChanflowConduit(Channel<Object> cb)) {
            return (Integer) Select.<Object>returning().receive(ca, v -> v).receive(cb, v -> v).get();
        }
        if (a instanceof JoxConduit(var ja) && b instanceof JoxConduit(var jb)) {
            return (Integer) com.softwaremill.jox.Select.select(ja.receiveClause(), jb.receiveClause());
        }
        throw new IllegalArgumentException("no select for " + a.getClass().getSimpleName());
    }
}
