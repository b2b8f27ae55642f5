package io.chanflow.bench;

import io.chanflow.Go;
import io.chanflow.flow.ChannelPublisher;
import io.chanflow.flow.FlowChannels;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
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
import reactor.core.scheduler.Schedulers;

/**
 * The publish side of the flow bridge: blocking code on a producer virtual thread publishes
 * {@link FlowBridge#ITEMS} items to a {@link BatchSubscriber} (256 requested at a time) whose {@code onNext} runs on
 * another virtual thread. Score: nanoseconds per item, from the subscribe call to the last thread joined.
 *
 * <table>
 *   <caption>Contenders: producer thread, hand-over, signalling thread</caption>
 *   <tr><th>contender</th><th>producer</th><th>between</th><th>signals come from</th></tr>
 *   <tr><td>{@code produce-0}</td><td>the builder's body goroutine: {@code out.send(x)}</td>
 *       <td>{@code FlowChannels.produce(0, body)}: an unbuffered channel</td>
 *       <td>the builder's emitter goroutine</td></tr>
 *   <tr><td>{@code produce-256}</td><td>the same</td><td>{@code FlowChannels.produce(256, body)}</td>
 *       <td>the same</td></tr>
 *   <tr><td>{@code flux-create}</td><td>a virtual thread feeding {@code Flux.create} while there is demand
 *       ({@link DemandSource})</td>
 *       <td>{@code publishOn(Schedulers.fromExecutor(virtual-thread-per-task executor), 256)}</td>
 *       <td>a virtual thread of that executor</td></tr>
 *   <tr><td>{@code submission}</td><td>a virtual thread calling {@code submit(x)} (blocks when the buffer is full),
 *       then {@code close()}</td>
 *       <td>{@code new SubmissionPublisher<>(virtual-thread-per-task executor, 256)}</td>
 *       <td>a virtual thread of that executor</td></tr>
 * </table>
 *
 * <p>Why {@code publishOn} for Reactor: subscribed directly, a {@code Flux.create} calls {@code onNext} on the
 * producer's own thread inside {@code sink.next}, so producer and consumer would be one thread and there would be
 * no hand-over to measure. {@code publishOn} with a prefetch of 256 is Reactor's way to move the signals to another
 * thread with a bounded queue: the equivalent of {@code produce(256)}, and of {@code SubmissionPublisher}'s buffer of
 * 256. Its scheduler and the {@code SubmissionPublisher}'s executor are both a fresh virtual-thread-per-task
 * executor per invocation, shut down and awaited at its end: both start a virtual thread whenever their consumer
 * side has to wake up, where the builder unparks its one emitter goroutine.
 *
 * <p>Every invocation checks the sum and count of the items delivered, that they were delivered on a virtual
 * thread other than the producer's, that every thread it started (the builder's two goroutines, the producer
 * thread, the executor's threads) has ended, and that no Chanflow goroutine outlived it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FlowBridgePublishBenchmark {

    @Param({"produce-0", "produce-256", "flux-create", "submission"})
    public String contender;

    private Integer[] items;

    @Setup
    public void setUp() {
        items = Items.boxed(FlowBridge.ITEMS);
        switch (contender) {
            case "produce-0", "produce-256", "flux-create", "submission" -> { }
            default -> throw new IllegalArgumentException("unknown contender: " + contender);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FlowBridge.ITEMS)
    public long publish() throws Exception {
        int goroutines = Go.numGoroutine();
        long sum = switch (contender) {
            case "produce-0" -> builder(0);
            case "produce-256" -> builder(FlowBridge.BATCH);
            case "flux-create" -> fluxCreate();
            case "submission" -> submission();
            default -> throw new IllegalArgumentException("unknown contender: " + contender);
        };
        FlowBridge.requireGoroutines(goroutines, contender);
        return sum;
    }

    /** The Chanflow producer builder: a body goroutine sends, the emitter goroutine signals. */
    private long builder(int capacity) throws Exception {
        Integer[] xs = items;
        AtomicReference<Thread> producer = new AtomicReference<>();
        ChannelPublisher<Integer> publisher = FlowChannels.produce(capacity, (ctx, out) -> {
            producer.set(Thread.currentThread());
            for (Integer x : xs) {
                out.send(x);
            }
        });
        BatchSubscriber subscriber = new BatchSubscriber();
        publisher.subscribe((Flow.Subscriber<Integer>) subscriber);
        long sum = subscriber.await(xs.length);
        subscriber.requireDeliveredOffThread(producer.get());
        FlowBridge.join(producer.get(), "builder body goroutine", FlowBridge.LINGER);
        FlowBridge.join(subscriber.subscribedOn(), "builder emitter goroutine", FlowBridge.LINGER);
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

    /** {@code SubmissionPublisher} fed by a producer thread with the blocking {@code submit}. */
    private long submission() throws Exception {
        Integer[] xs = items;
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>(executor, FlowBridge.BATCH);
        BatchSubscriber subscriber = new BatchSubscriber();
        publisher.subscribe(subscriber);
        Thread producer = Thread.ofVirtual().name("submission-producer").start(() -> {
            try {
                for (Integer x : xs) {
                    publisher.submit(x);
                }
                publisher.close();
            } catch (Throwable e) {
                publisher.closeExceptionally(e);
            }
        });
        long sum = subscriber.await(xs.length);
        subscriber.requireDeliveredOffThread(producer);
        FlowBridge.join(producer, "SubmissionPublisher producer thread", FlowBridge.LINGER);
        FlowBridge.terminate(executor, "SubmissionPublisher executor");
        return sum;
    }
}
