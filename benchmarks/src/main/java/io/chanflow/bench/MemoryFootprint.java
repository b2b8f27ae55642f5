package io.chanflow.bench;

import com.softwaremill.jox.ChannelDoneException;
import io.chanflow.Channel;
import io.chanflow.ChannelClosedException;
import io.chanflow.Go;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Heap bytes per empty channel and per goroutine blocked in receive, for Chanflow, jox and the JDK.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.chanflow.bench.MemoryFootprint [count]
 * </pre>
 *
 * <h2>Method</h2>
 * Each row allocates {@code count} (default 100 000) objects, holds strong references to all of them in a list
 * sized beforehand, and divides the growth of the used heap by {@code count}. The used heap is read from
 * {@link MemoryMXBean} after {@link System#gc()}, repeated until two readings agree, so garbage is not counted.
 * Every row first runs one full round unreported, so that class initialisation, carrier threads, grown scheduler
 * queues and JIT compilation are paid before it is measured (a parked virtual thread's stack chunk is larger while
 * its frames are still interpreted); then it runs {@value #ROUNDS} rounds and reports the median. For blocked
 * goroutines the spread of the rounds is printed too: the size of a parked thread's stack chunk follows the JIT,
 * which keeps recompiling in the background, so a round now and then comes out well above the others (usually
 * within ten percent); the median is not moved by one such round.
 *
 * <p>Blocked goroutines: {@code count} virtual threads, each blocked in receive on its own empty unbuffered
 * channel (for the JDK, {@code take()} on its own empty {@code LinkedBlockingQueue}). The channels are allocated
 * and measured first, then the threads are started and the program polls until every one of them is
 * {@link Thread.State#WAITING}. The <em>goroutine</em> column is that second step: the thread object, its
 * continuation and the stack chunk that holds its parked frames, whatever the channel allocates to enqueue a
 * waiter and, for the {@link Go#go} row, the goroutine's name and registry entry (the row below it starts a plain
 * virtual thread instead, as the jox and JDK rows do). The last column adds the channel. Then the
 * receivers are released (channels closed, or threads interrupted for the queue) and joined.
 *
 * <p>The numbers are averages over many objects, so alignment and shared tables are spread out; they depend on
 * the JVM (compressed oops, object header size, garbage collector), which the header line names.
 */
public final class MemoryFootprint {

    /** Two heap readings closer than this are taken as settled: under 0.1 byte per object at the default count. */
    private static final long SETTLED_BYTES = 8 * 1024;
    private static final int MAX_GC_ROUNDS = 20;
    /** Measured rounds per row (after one unreported warm-up round); the median is reported. */
    private static final int ROUNDS = 3;
    private static final Duration BLOCK_DEADLINE = Duration.ofMinutes(2);

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private MemoryFootprint() {
    }

    /** A kind of empty channel. */
    private record Empty(String contender, String what, Supplier<Object> make) {
    }

    /** A kind of receiver blocked on its own empty channel of type {@code C}. */
    private record Blocked<C>(String contender, String what, Supplier<C> make, Function<C, Thread> receive,
                              BiConsumer<C, Thread> release) {
    }

    public static void main(String[] args) throws InterruptedException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }

        List<Empty> empties = List.of(
                new Empty("chanflow", "Channel.make()", Channel::make),
                new Empty("chanflow", "Channel.make(16)", () -> Channel.make(16)),
                new Empty("jox", "newRendezvousChannel()", com.softwaremill.jox.Channel::newRendezvousChannel),
                new Empty("jox", "newBufferedChannel(16)", () -> com.softwaremill.jox.Channel.newBufferedChannel(16)),
                new Empty("jdk", "SynchronousQueue (reference)", SynchronousQueue::new),
                new Empty("jdk", "ArrayBlockingQueue(16) (reference)", () -> new ArrayBlockingQueue<>(16)));

        List<Blocked<?>> blocked = List.of(
                new Blocked<Channel<Object>>("chanflow", "Go.go + receive() on make()",
                        Channel::make, MemoryFootprint::goroutineReceiver, (ch, t) -> ch.close()),
                new Blocked<Channel<Object>>("chanflow", "virtual thread + receive() on make()",
                        Channel::make, MemoryFootprint::virtualThreadReceiver, (ch, t) -> ch.close()),
                new Blocked<com.softwaremill.jox.Channel<Object>>("jox", "virtual thread + receive() on rendezvous",
                        com.softwaremill.jox.Channel::newRendezvousChannel, MemoryFootprint::joxReceiver,
                        (ch, t) -> ch.done()),
                new Blocked<LinkedBlockingQueue<Object>>("jdk", "virtual thread + LinkedBlockingQueue.take()",
                        LinkedBlockingQueue::new, MemoryFootprint::queueReceiver, (q, t) -> t.interrupt()));

        System.out.printf("Memory footprint: %,d objects per row; Java %s, %s, max heap %,d MiB%n%n",
                count, Runtime.version(), collectors(), Runtime.getRuntime().maxMemory() >> 20);

        System.out.printf("%-56s %12s%n", "Empty channel", "bytes each");
        for (Empty e : empties) {
            measureEmpty(e, count); // warm-up round, not reported
            double[] rounds = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                rounds[r] = measureEmpty(e, count);
            }
            Arrays.sort(rounds);
            System.out.printf("  %-9s %-44s %12.1f%n", e.contender(), e.what(), rounds[ROUNDS / 2]);
        }

        System.out.printf("%n%-56s %12s %14s %16s%n", "Goroutine blocked in receive on its own empty channel",
                "goroutine", "+ channel", "goroutine range");
        for (Blocked<?> b : blocked) {
            measureBlocked(b, count); // warm-up round, not reported
            double[][] rounds = new double[ROUNDS][];
            for (int r = 0; r < ROUNDS; r++) {
                rounds[r] = measureBlocked(b, count);
            }
            Arrays.sort(rounds, Comparator.comparingDouble(bytes -> bytes[0]));
            double[] median = rounds[ROUNDS / 2];
            System.out.printf("  %-9s %-44s %12.1f %14.1f %16s%n", b.contender(), b.what(), median[0], median[1],
                    String.format("%.0f-%.0f", rounds[0][0], rounds[ROUNDS - 1][0]));
        }
    }

    /** Bytes per empty channel. */
    private static double measureEmpty(Empty e, int count) {
        List<Object> held = new ArrayList<>(count);
        long before = usedHeap();
        for (int i = 0; i < count; i++) {
            held.add(e.make().get());
        }
        long after = usedHeap();
        Reference.reachabilityFence(held);
        return (double) (after - before) / count;
    }

    /** Bytes per blocked receiver: {@code [thread and wait, thread and wait and channel]}. */
    private static <C> double[] measureBlocked(Blocked<C> b, int count) throws InterruptedException {
        List<C> channels = new ArrayList<>(count);
        List<Thread> threads = new ArrayList<>(count);
        long before = usedHeap();
        for (int i = 0; i < count; i++) {
            channels.add(b.make().get());
        }
        long withChannels = usedHeap();
        for (C ch : channels) {
            threads.add(b.receive().apply(ch));
        }
        awaitWaiting(threads);
        long withThreads = usedHeap();
        requireWaiting(threads); // nothing woke up while the heap was read

        for (int i = 0; i < count; i++) {
            b.release().accept(channels.get(i), threads.get(i));
        }
        for (Thread t : threads) {
            t.join();
        }
        Reference.reachabilityFence(channels);
        return new double[] {
            (double) (withThreads - withChannels) / count,
            (double) (withThreads - before) / count,
        };
    }

    /** A Chanflow goroutine: what Chanflow users get, registry entry and thread name included. */
    private static Thread goroutineReceiver(Channel<Object> ch) {
        return Go.go(() -> receiveUntilClosed(ch));
    }

    /** A plain unnamed virtual thread, as the jox and JDK rows use: separates the channel from {@link Go#go}. */
    private static Thread virtualThreadReceiver(Channel<Object> ch) {
        return Thread.ofVirtual().start(() -> {
            try {
                receiveUntilClosed(ch);
            } catch (InterruptedException e) {
                throw new IllegalStateException("chanflow receiver interrupted; it is released with close()", e);
            }
        });
    }

    private static void receiveUntilClosed(Channel<Object> ch) throws InterruptedException {
        try {
            ch.receive();
        } catch (ChannelClosedException released) {
            // close() is how the measurement lets it go
        }
    }

    private static Thread joxReceiver(com.softwaremill.jox.Channel<Object> ch) {
        return Thread.ofVirtual().start(() -> {
            try {
                ch.receive();
            } catch (ChannelDoneException released) {
                // done() is how the measurement lets it go
            } catch (InterruptedException e) {
                throw new IllegalStateException("jox receiver interrupted; it is released with done()", e);
            }
        });
    }

    private static Thread queueReceiver(LinkedBlockingQueue<Object> q) {
        return Thread.ofVirtual().start(() -> {
            try {
                q.take();
            } catch (InterruptedException released) {
                // interrupt() is how the measurement lets it go
            }
        });
    }

    /**
     * Polls until every thread is parked. No fixed sleep: each poll sees the threads as they are, and the wait
     * ends as soon as the last one parks; the short pause between polls only leaves the carriers to the threads.
     */
    private static void awaitWaiting(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + BLOCK_DEADLINE.toNanos();
        for (Thread t : threads) {
            Thread.State s;
            while ((s = t.getState()) != Thread.State.WAITING) {
                if (s == Thread.State.TERMINATED) {
                    throw new IllegalStateException(t + " ended instead of blocking in receive");
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(t + " not blocked after " + BLOCK_DEADLINE + ": " + s);
                }
                Thread.sleep(1);
            }
        }
    }

    private static void requireWaiting(List<Thread> threads) {
        for (Thread t : threads) {
            if (t.getState() != Thread.State.WAITING) {
                throw new IllegalStateException(t + " stopped waiting during the measurement: " + t.getState());
            }
        }
    }

    /** Used heap after {@link System#gc()}, repeated until two readings differ by less than SETTLED_BYTES. */
    private static long usedHeap() {
        long last = usedHeapAfterGc();
        for (int round = 1; round < MAX_GC_ROUNDS; round++) {
            long now = usedHeapAfterGc();
            if (Math.abs(now - last) < SETTLED_BYTES) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static String collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(" / "));
    }
}
