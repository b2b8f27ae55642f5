package io.chanflow.bench;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The virtual threads of one benchmark invocation. JMH calls a benchmark on a platform thread; the benchmark
 * starts its producers and consumers here and waits in {@link #join()}, so every hand-off it measures is between
 * virtual threads. A fresh {@code Workers} serves one invocation.
 *
 * <p>If a worker fails, the others are interrupted (they would otherwise wait forever for a partner that is gone)
 * and {@link #join()} rethrows the first failure: a broken contender fails the run instead of hanging it.
 */
final class Workers {

    /** A worker's body: like {@link Runnable}, but blocking calls may throw. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    // Copy-on-write: a failing worker iterates the list while the benchmark thread may still be adding to it.
    // start() adds and then reads `failure`; a failing worker sets `failure` and then reads the list. Both are
    // volatile accesses, so at least one side sees the other and no worker is left waiting uninterrupted.
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Starts {@code body} in a new virtual thread called {@code name}. */
    void start(String name, Body body) {
        Thread t = Thread.ofVirtual().name(name).unstarted(() -> run(body));
        threads.add(t);
        t.start();
        if (failure.get() != null) {
            t.interrupt();
        }
    }

    private void run(Body body) {
        try {
            body.run();
        } catch (Throwable e) {
            if (failure.compareAndSet(null, e)) {
                for (Thread t : threads) {
                    if (t != Thread.currentThread()) {
                        t.interrupt();
                    }
                }
            }
        }
    }

    /** Waits for every worker; then rethrows the first failure, if any. */
    void join() throws Exception {
        for (Thread t : threads) {
            t.join();
        }
        Throwable e = failure.get();
        if (e instanceof Exception x) {
            throw x;
        }
        if (e instanceof Error x) {
            throw x;
        }
        if (e != null) {
            throw new IllegalStateException("worker failed", e);
        }
    }

    /**
     * The one-way transfer every single-producer/single-consumer row measures: a producer virtual thread puts
     * every item, a consumer virtual thread takes as many; returns the verified checksum.
     */
    static long oneWay(Conduit c, Integer[] xs) throws Exception {
        long[] sum = new long[1];
        Workers workers = new Workers();
        workers.start("consumer", () -> {
            long s = 0;
            for (int i = 0; i < xs.length; i++) {
                s += (Integer) c.take();
            }
            sum[0] = s;
        });
        workers.start("producer", () -> {
            for (Integer x : xs) {
                c.put(x);
            }
        });
        workers.join();
        return Items.verify(xs.length, sum[0]);
    }
}
