package io.chanflow.examples.basics;

import io.chanflow.WaitGroup;
import io.chanflow.sync.RWMutex;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A read-heavy cache: many readers may hold the read lock at once, a writer holds the lock alone. In Go,
 *
 * <pre>{@code
 * mu.RLock()
 * read()
 * mu.RUnlock()
 *
 * mu.Lock()
 * write()
 * mu.Unlock()
 * }</pre>
 */
public final class RWMutexCache {

    /** Reader goroutines. */
    public static final int READERS = 8;
    /** Lookups per reader. */
    public static final int READS = 1_000;
    /** Values the one writer puts. */
    public static final int WRITES = 10;

    private final RWMutex mu = new RWMutex();
    private final Map<String, Integer> data = new HashMap<>(); // guarded by mu

    private RWMutexCache() {
    }

    Integer get(String key) throws InterruptedException {
        mu.rLock(); // shared: readers do not wait for each other
        try {
            return data.get(key);
        } finally {
            mu.rUnlock();
        }
    }

    void put(String key, int value) throws InterruptedException {
        mu.lock(); // exclusive: waits for the readers inside to leave, and keeps new ones out
        try {
            data.put(key, value);
        } finally {
            mu.unlock();
        }
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        RWMutexCache cache = new RWMutexCache();
        cache.put("version", 0);

        WaitGroup wg = new WaitGroup();
        AtomicInteger lookups = new AtomicInteger();
        AtomicInteger misses = new AtomicInteger();
        for (int r = 0; r < READERS; r++) {
            wg.go(() -> {
                for (int i = 0; i < READS; i++) {
                    if (cache.get("version") == null) {
                        misses.incrementAndGet(); // never: the key is there before any reader starts
                    }
                    lookups.incrementAndGet();
                }
            });
        }
        wg.go(() -> {
            for (int v = 1; v <= WRITES; v++) {
                cache.put("version", v);
            }
        });
        wg.await();

        out.println("lookups " + lookups.get());
        out.println("misses  " + misses.get());
        out.println("version " + cache.get("version"));
    }
}
