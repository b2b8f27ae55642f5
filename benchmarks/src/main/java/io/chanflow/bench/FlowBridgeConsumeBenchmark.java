package io.chanflow.bench;

import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.context.Context;
import io.chanflow.flow.FlowChannels;
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
import reactor.core.publisher.Flux;

/**
 * The consume side of the flow bridge: a publisher's {@link FlowBridge#ITEMS} items drained with plain blocking
 * code on a consumer virtual thread. Score: nanoseconds per item, from starting the consumer to the last thread
 * joined.
 *
 * <p>Both rows have the same upstream, a {@link DemandSource}: {@code Flux.create} fed by its own producer virtual
 * thread, which emits only while there is demand and parks otherwise, so {@code onNext} runs on the producer thread
 * and the consumer runs on another. That source was chosen over {@code Flux.range(...).subscribeOn(...)} or a
 * {@code publishOn}: it adds no Reactor queue or scheduler of its own in front of the contender, so what differs
 * between the rows is only the subscriber-to-blocking-consumer hand-over.
 *
 * <ul>
 *   <li>{@code channel}: {@code FlowChannels.subscribe(Context.background(), flux, 256)}, drained with a for-each
 *       over the {@link ReceiveChannel} (256 requested up front, 192 more each time 192 were received).</li>
 *   <li>{@code toIterable}: {@code flux.toIterable(256)}, iterated with a for-each (Reactor's blocking iterable:
 *       the same prefetch of 256 and replenishment of 192).</li>
 * </ul>
 *
 * <p>The consumer thread subscribes (so the producer thread starts from it) and iterates to the end. Every
 * invocation checks the count and sum received, joins the consumer and the producer thread, and checks that no
 * Chanflow goroutine outlived it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FlowBridgeConsumeBenchmark {

    @Param({"channel", "toIterable"})
    public String contender;

    private Integer[] items;

    @Setup
    public void setUp() {
        items = Items.boxed(FlowBridge.ITEMS);
        switch (contender) {
            case "channel", "toIterable" -> { }
            default -> throw new IllegalArgumentException("unknown contender: " + contender);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FlowBridge.ITEMS)
    public long consume() throws Exception {
        int goroutines = Go.numGoroutine();
        DemandSource source = new DemandSource(items);
        Flux<Integer> flux = source.flux();
        boolean channel = contender.equals("channel");
        long[] got = new long[2]; // count, sum: written by the consumer before it ends, read after the join
        Throwable[] failure = new Throwable[1];
        Thread consumer = Thread.ofVirtual().name("consumer").start(() -> {
            try {
                if (channel) {
                    drainChannel(flux, got);
                } else {
                    drainIterable(flux, got);
                }
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        FlowBridge.join(consumer, contender + " consumer thread", FlowBridge.HANG);
        if (failure[0] != null) {
            throw new IllegalStateException(contender + " consumer failed after " + got[0] + " items", failure[0]);
        }
        source.join();
        if (got[0] != items.length) {
            throw new IllegalStateException(got[0] + " items received, " + items.length + " expected");
        }
        FlowBridge.requireGoroutines(goroutines, contender);
        return Items.verify(items.length, got[1]);
    }

    private static void drainChannel(Flux<Integer> flux, long[] got) {
        ReceiveChannel<Integer> ch = FlowChannels.subscribe(Context.background(), flux, FlowBridge.BATCH);
        long count = 0;
        long sum = 0;
        for (Integer x : ch) {
            count++;
            sum += x;
        }
        got[0] = count;
        got[1] = sum;
    }

    private static void drainIterable(Flux<Integer> flux, long[] got) {
        long count = 0;
        long sum = 0;
        for (Integer x : flux.toIterable(FlowBridge.BATCH)) {
            count++;
            sum += x;
        }
        got[0] = count;
        got[1] = sum;
    }
}
