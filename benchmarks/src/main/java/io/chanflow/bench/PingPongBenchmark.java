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
 * Round trips over two unbuffered channels: the pinger sends an item on {@code ping} and waits for it on
 * {@code pong}; the ponger sends back every item it receives. Only one item is ever in flight, so this measures
 * latency: each round trip is two hand-offs and two wake-ups. Score: nanoseconds per round trip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PingPongBenchmark {

    /** See {@link Conduit#open}. */
    @Param({"chanflow", "jox", "sq"})
    public String contender;

    private Conduit ping;
    private Conduit pong;
    private Integer[] items;

    @Setup
    public void setUp() {
        ping = Conduit.open(contender, 0);
        pong = Conduit.open(contender, 0);
        items = Items.boxed(Items.COUNT);
    }

    @Benchmark
    @OperationsPerInvocation(Items.COUNT)
    public long roundTrip() throws Exception {
        Conduit there = ping;
        Conduit back = pong;
        Integer[] xs = items;
        long[] sum = new long[1];
        Workers workers = new Workers();
        workers.start("ponger", () -> {
            for (int i = 0; i < xs.length; i++) {
                back.put(there.take());
            }
        });
        workers.start("pinger", () -> {
            long s = 0;
            for (Integer x : xs) {
                there.put(x);
                s += (Integer) back.take();
            }
            sum[0] = s;
        });
        workers.join();
        return Items.verify(xs.length, sum[0]);
    }
}
