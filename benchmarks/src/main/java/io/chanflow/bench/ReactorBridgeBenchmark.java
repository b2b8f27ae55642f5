package io.chanflow.bench;

import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.context.Context;
import io.chanflow.reactor.ReactorChannels;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
import reactor.core.scheduler.Schedulers;

/**
 * The Reactor bridge, both directions, {@link FlowBridge#ITEMS} items per invocation. Score: nanoseconds per item.
 * Two groups of contenders; compare within a group only.
 *
 * <p><b>Publish</b> (blocking code on a producer virtual thread → a {@link BatchSubscriber}, 256 requested at a time,
 * whose {@code onNext} runs on another virtual thread), as in {@link FlowBridgePublishBenchmark}:
 * <ul>
 *   <li>{@code flux-0}, {@code flux-256}: {@code ReactorChannels.flux(capacity, body)}; the body goroutine sends,
 *       the bridge's emitter goroutine signals (no Reactor operator in between).</li>
 *   <li>{@code flux-create}: {@code Flux.create} fed by a virtual thread while there is demand ({@link DemandSource}),
 *       moved to another virtual thread by {@code publishOn(Schedulers.fromExecutor(virtual-thread-per-task), 256)}:
 *       the same topology (producer thread, bounded hand-over of 256, another signalling thread).</li>
 * </ul>
 *
 * <p><b>Consume</b> (a {@link DemandSource} Flux drained with blocking code on a consumer virtual thread), as in
 * {@link FlowBridgeConsumeBenchmark}:
 * <ul>
 *   <li>{@code toChannel}: {@code ReactorChannels.toChannel(background, flux, 256)}, a for-each over the channel.</li>
 *   <li>{@code toIterable}: {@code flux.toIterable(256)}, a for-each.</li>
 * </ul>
 *
 * <p>Every invocation checks the count and sum delivered, joins every thread it started and checks that no Chanflow
 * goroutine outlived it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReactorBridgeBenchmark {

    @Param({"flux-0", "flux-256", "flux-create", "toChannel", "toIterable"})
    public String contender;

    private Integer[] items;

    @Setup
    public void setUp() {
        items = Items.boxed(FlowBridge.ITEMS);
        switch (contender) {
            case "flux-0", "flux-256", "flux-create", "toChannel", "toIterable" -> { }
            default -> throw new IllegalArgumentException("unknown contender: " + contender);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FlowBridge.ITEMS)
    public long run() throws Exception {
        int goroutines = Go.numGoroutine();
        long sum = switch (contender) {
            case "flux-0" -> builder(0);
            case "flux-256" -> builder(FlowBridge.BATCH);
            case "flux-create" -> fluxCreate();
            case "toChannel" -> consume(true);
            case "toIterable" -> consume(false);
            default -> throw new IllegalArgumentException("unknown contender: " + contender);
        };
        FlowBridge.requireGoroutines(goroutines, contender);
        return sum;
    }

    /** The Reactor bridge's {@code flux} builder: a body goroutine sends, the emitter goroutine signals. */
    private long builder(int capacity) throws Exception {
        Integer[] xs = items;
        AtomicReference<Thread> producer = new AtomicReference<>();
        Flux<Integer> flux = ReactorChannels.flux(capacity, (ctx, out) -> {
            producer.set(Thread.currentThread());
            for (Integer x : xs) {
                out.send(x);
            }
        });
        BatchSubscriber subscriber = new BatchSubscriber();
        flux.subscribe(subscriber);
        long sum = subscriber.await(xs.length);
        subscriber.requireDeliveredOffThread(producer.get());
        FlowBridge.join(producer.get(), "flux body goroutine", FlowBridge.LINGER);
        FlowBridge.join(subscriber.subscribedOn(), "flux emitter goroutine", FlowBridge.LINGER);
        return sum;
    }

    /** {@code Flux.create} fed by a producer thread, moved to a virtual thread by {@code publishOn}. */
    private long fluxCreate() throws Exception {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        DemandSource source = new DemandSource(items);
        BatchSubscriber subscriber = new BatchSubscriber();
        source.flux().publishOn(Schedulers.fromExecutor(executor), FlowBridge.BATCH).subscribe(subscriber);
        long sum = subscriber.await(items.length);
        subscriber.requireDeliveredOffThread(source.producer());
        source.join();
        FlowBridge.terminate(executor, "publishOn executor");
        return sum;
    }

    /** A {@link DemandSource} Flux drained on a consumer virtual thread, through a channel or Reactor's iterable. */
    private long consume(boolean channel) throws Exception {
        DemandSource source = new DemandSource(items);
        Flux<Integer> flux = source.flux();
        long[] got = new long[2]; // count, sum: written by the consumer before it ends, read after the join
        Throwable[] failure = new Throwable[1];
        Thread consumer = Thread.ofVirtual().name("consumer").start(() -> {
            try {
                Iterable<Integer> in = channel
                        ? ReactorChannels.toChannel(Context.background(), flux, FlowBridge.BATCH)
                        : flux.toIterable(FlowBridge.BATCH);
                long count = 0;
                long sum = 0;
                for (Integer x : in) {
                    count++;
                    sum += x;
                }
                got[0] = count;
                got[1] = sum;
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
        return Items.verify(items.length, got[1]);
    }
}
