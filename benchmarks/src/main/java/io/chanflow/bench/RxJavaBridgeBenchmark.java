package io.chanflow.bench;

import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.context.Context;
import io.chanflow.rxjava3.RxChannels;
import io.reactivex.rxjava3.core.BackpressureStrategy;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableEmitter;
import io.reactivex.rxjava3.core.FlowableSubscriber;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
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
import org.reactivestreams.Subscription;

/**
 * The RxJava bridge, both directions, with the thread topology of {@link FlowBridgePublishBenchmark} and
 * {@link FlowBridgeConsumeBenchmark}. Score: nanoseconds per item of {@link FlowBridge#ITEMS}.
 *
 * <h2>{@code publish}: blocking code on a producer virtual thread to a subscriber on another virtual thread</h2>
 * <table>
 *   <caption>Contenders of {@link #publish}</caption>
 *   <tr><th>contender</th><th>producer</th><th>between</th><th>signals come from</th></tr>
 *   <tr><td>{@code flowable-0}</td><td>the builder's body goroutine: {@code out.send(x)}</td>
 *       <td>{@code RxChannels.flowable(0, body)}: an unbuffered channel</td><td>the builder's emitter goroutine</td></tr>
 *   <tr><td>{@code flowable-256}</td><td>the same</td><td>{@code RxChannels.flowable(256, body)}</td>
 *       <td>the same</td></tr>
 *   <tr><td>{@code create-buffer}</td><td>a virtual thread calling {@code emitter.onNext(x)} for every item</td>
 *       <td>{@code Flowable.create(BUFFER)} then {@code observeOn(Schedulers.from(virtual-thread-per-task
 *       executor), false, 256)}</td><td>a virtual thread of that executor</td></tr>
 * </table>
 * The subscriber is {@link BatchSubscriber} (256 requested at a time) behind a thin {@link FlowableSubscriber}
 * adapter, so RxJava calls it directly, without the {@code StrictSubscriber} it wraps around foreign subscribers,
 * for every row. As with Reactor's {@code publishOn}, {@code observeOn} is what moves RxJava's signals off the
 * producer's thread: subscribed directly, {@code Flowable.create} would call {@code onNext} inside
 * {@code emitter.onNext}, on the producer thread. {@code BUFFER} lets the producer run ahead of the demand into an
 * unbounded queue (where the builder's {@code send} waits); it is the strategy the RxJava documentation suggests for
 * a producer that cannot be told to wait.
 *
 * <h2>{@code consume}: a Flowable drained by blocking code on a consumer virtual thread</h2>
 * Both rows have the same upstream: {@code Flowable.create(ERROR)} fed by its own producer virtual thread that emits
 * only while {@code emitter.requested()} is positive and parks otherwise (the RxJava twin of {@link DemandSource}),
 * so no RxJava queue or scheduler stands in front of the contender.
 * <ul>
 *   <li>{@code channel}: {@code RxChannels.toChannel(Context.background(), flowable, 256)}, drained with a
 *       for-each over the channel.</li>
 *   <li>{@code blockingIterable}: {@code flowable.blockingIterable(256)}, iterated with a for-each (RxJava's
 *       blocking iterable: the same prefetch of 256, replenished at 192).</li>
 * </ul>
 *
 * <p>Every invocation checks the count and sum of the items, the topology (for {@code publish}: delivered on a
 * virtual thread other than the producer's), joins every thread it started, and checks that no goroutine outlived
 * it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RxJavaBridgeBenchmark {

    @Param({"flowable-0", "flowable-256", "create-buffer", "channel", "blockingIterable"})
    public String contender;

    private Integer[] items;

    @Setup
    public void setUp() {
        items = Items.boxed(FlowBridge.ITEMS);
        switch (contender) {
            case "flowable-0", "flowable-256", "create-buffer", "channel", "blockingIterable" -> { }
            default -> throw new IllegalArgumentException("unknown contender: " + contender);
        }
    }

    /** One benchmark method for both directions: each contender belongs to one of them. */
    @Benchmark
    @OperationsPerInvocation(FlowBridge.ITEMS)
    public long run() throws Exception {
        int goroutines = Go.numGoroutine();
        long sum = switch (contender) {
            case "flowable-0" -> builder(0);
            case "flowable-256" -> builder(FlowBridge.BATCH);
            case "create-buffer" -> createBuffer();
            case "channel" -> consume(true);
            case "blockingIterable" -> consume(false);
            default -> throw new IllegalArgumentException("unknown contender: " + contender);
        };
        FlowBridge.requireGoroutines(goroutines, contender);
        return sum;
    }

    // ---------------------------------------------------------------- publish

    private long builder(int capacity) throws Exception {
        Integer[] xs = items;
        AtomicReference<Thread> producer = new AtomicReference<>();
        Flowable<Integer> flowable = RxChannels.flowable(capacity, (ctx, out) -> {
            producer.set(Thread.currentThread());
            for (Integer x : xs) {
                out.send(x);
            }
        });
        BatchSubscriber subscriber = new BatchSubscriber();
        flowable.subscribe(new Direct(subscriber));
        long sum = subscriber.await(xs.length);
        subscriber.requireDeliveredOffThread(producer.get());
        FlowBridge.join(producer.get(), "flowable body goroutine", FlowBridge.LINGER);
        FlowBridge.join(subscriber.subscribedOn(), "flowable emitter goroutine", FlowBridge.LINGER);
        return sum;
    }

    private long createBuffer() throws Exception {
        Integer[] xs = items;
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        AtomicReference<Thread> producer = new AtomicReference<>();
        Flowable<Integer> flowable = Flowable.create(emitter -> {
            Thread t = Thread.ofVirtual().name("create-producer").unstarted(() -> {
                for (Integer x : xs) {
                    emitter.onNext(x);
                }
                emitter.onComplete();
            });
            producer.set(t);
            t.start();
        }, BackpressureStrategy.BUFFER);
        BatchSubscriber subscriber = new BatchSubscriber();
        flowable.observeOn(Schedulers.from(executor), false, FlowBridge.BATCH).subscribe(new Direct(subscriber));
        long sum = subscriber.await(xs.length);
        subscriber.requireDeliveredOffThread(producer.get());
        FlowBridge.join(producer.get(), "Flowable.create producer thread", FlowBridge.LINGER);
        FlowBridge.terminate(executor, "observeOn executor");
        return sum;
    }

    /** {@link BatchSubscriber} as a {@link FlowableSubscriber}: RxJava calls it without a {@code StrictSubscriber}. */
    private record Direct(BatchSubscriber s) implements FlowableSubscriber<Integer> {
        @Override
        public void onSubscribe(Subscription subscription) {
            s.onSubscribe(subscription);
        }

        @Override
        public void onNext(Integer x) {
            s.onNext(x);
        }

        @Override
        public void onError(Throwable t) {
            s.onError(t);
        }

        @Override
        public void onComplete() {
            s.onComplete();
        }
    }

    // ---------------------------------------------------------------- consume

    private long consume(boolean channel) throws Exception {
        RxDemandSource source = new RxDemandSource(items);
        Flowable<Integer> flowable = source.flowable();
        long[] got = new long[2]; // count, sum: written by the consumer before it ends, read after the join
        Throwable[] failure = new Throwable[1];
        Thread consumer = Thread.ofVirtual().name("consumer").start(() -> {
            try {
                Iterable<Integer> it = channel
                        ? RxChannels.toChannel(Context.background(), flowable, FlowBridge.BATCH)
                        : flowable.blockingIterable(FlowBridge.BATCH);
                long count = 0;
                long sum = 0;
                for (Integer x : it) {
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

    /**
     * {@code Flowable.create(ERROR)} fed by its own producer virtual thread, started on subscribe, that emits only
     * while {@code emitter.requested()} is positive and parks otherwise. RxJava's emitter has no {@code onRequest}
     * hook, so the source's subscription is wrapped: its {@code request} unparks the producer after the demand was
     * added, so a wake-up is never lost. One subscription per source.
     */
    private static final class RxDemandSource {
        private final Integer[] items;
        private volatile Thread producer;

        RxDemandSource(Integer[] items) {
            this.items = items;
        }

        Flowable<Integer> flowable() {
            Flowable<Integer> created = Flowable.create(this::start, BackpressureStrategy.ERROR);
            return Flowable.fromPublisher(downstream -> created.subscribe(new FlowableSubscriber<Integer>() {
                @Override
                public void onSubscribe(Subscription s) {
                    downstream.onSubscribe(new Subscription() {
                        @Override
                        public void request(long n) {
                            s.request(n);
                            wake();
                        }

                        @Override
                        public void cancel() {
                            s.cancel();
                            wake();
                        }
                    });
                }

                @Override
                public void onNext(Integer x) {
                    downstream.onNext(x);
                }

                @Override
                public void onError(Throwable t) {
                    downstream.onError(t);
                }

                @Override
                public void onComplete() {
                    downstream.onComplete();
                }
            }));
        }

        private void wake() {
            Thread t = producer;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }

        private void start(FlowableEmitter<Integer> emitter) {
            if (producer != null) {
                emitter.onError(new IllegalStateException("an RxDemandSource serves one subscription"));
                return;
            }
            Thread t = Thread.ofVirtual().name("flowable-producer").unstarted(() -> feed(emitter));
            // create signals onSubscribe (and so the first request) before calling this: a request that finds no
            // producer to wake added its demand before the producer exists, and the producer reads it first thing.
            producer = t;
            t.start();
        }

        private void feed(FlowableEmitter<Integer> emitter) {
            try {
                Integer[] xs = items;
                int i = 0;
                while (i < xs.length) {
                    long demand = emitter.requested();
                    if (demand == 0L) {
                        if (emitter.isCancelled()) {
                            return;
                        }
                        LockSupport.park(this); // a request (or cancel) after adding its demand unparks us
                        continue;
                    }
                    // Only this thread consumes demand, so `demand` can only be too low, never too high.
                    for (; demand > 0L && i < xs.length; demand--) {
                        emitter.onNext(xs[i++]);
                    }
                }
                emitter.onComplete();
            } catch (Throwable e) {
                emitter.onError(e);
            }
        }

        void join() throws InterruptedException {
            FlowBridge.join(producer, "Flowable.create producer thread", FlowBridge.LINGER);
        }
    }
}
