package io.chanflow.examples.basics;

import io.chanflow.WaitGroup;
import io.chanflow.sync.Mutex;
import java.io.PrintStream;

/**
 * A mutex protecting shared state: many goroutines increment one counter and none of the increments is lost. In Go,
 *
 * <pre>{@code
 * func inc() {
 *     mu.Lock()
 *     count++
 *     mu.Unlock()
 * }
 * }</pre>
 *
 * Keep the locked region small, and unlock in the goroutine that locked ({@code try/finally} makes both easy).
 */
public final class MutexCounter {

    /** Goroutines started. */
    public static final int GOROUTINES = 100;
    /** Increments per goroutine. */
    public static final int INCREMENTS = 1_000;

    private final Mutex mu = new Mutex();
    private int count; // guarded by mu

    private MutexCounter() {
    }

    void inc() throws InterruptedException {
        mu.lock();
        try {
            count++; // read, add, write: without the lock two goroutines could both write the same value
        } finally {
            mu.unlock();
        }
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        MutexCounter c = new MutexCounter();
        WaitGroup wg = new WaitGroup();
        for (int g = 0; g < GOROUTINES; g++) {
            wg.go(() -> {
                for (int i = 0; i < INCREMENTS; i++) {
                    c.inc();
                }
            });
        }
        wg.await(); // await happens-after every goroutine's last unlock, so reading count here is safe
        out.println("expected " + GOROUTINES * INCREMENTS);
        out.println("count    " + c.count);
    }
}
