package io.chanflow.examples.basics;

import io.chanflow.WaitGroup;
import io.chanflow.sync.Cond;
import io.chanflow.sync.Mutex;
import java.io.PrintStream;
import java.util.ArrayDeque;

/**
 * A bounded buffer built from a mutex and two conds: producers wait while it is full, consumers while it is empty.
 * In Go,
 *
 * <pre>{@code
 * mu.Lock()
 * for len(items) == max {
 *     notFull.Wait()      // unlocks, waits, locks again
 * }
 * items = append(items, v)
 * notEmpty.Signal()
 * mu.Unlock()
 * }</pre>
 *
 * This is what a buffered channel does for you; reach for {@code Cond} only when no channel fits.
 */
public final class CondBoundedBuffer {

    /** Buffer capacity. */
    public static final int CAPACITY = 2;
    /** Items the producer puts, 1 to ITEMS. */
    public static final int ITEMS = 100;

    private final Mutex mu = new Mutex();
    private final Cond notFull = new Cond(mu);
    private final Cond notEmpty = new Cond(mu);
    private final ArrayDeque<Integer> items = new ArrayDeque<>(); // guarded by mu
    private int maxSeen; // guarded by mu: the most items ever held at once

    private CondBoundedBuffer() {
    }

    void put(int v) throws InterruptedException {
        mu.lock();
        try {
            while (items.size() == CAPACITY) { // a loop, as in Go: re-check after every wake-up
                notFull.await();
            }
            items.addLast(v);
            maxSeen = Math.max(maxSeen, items.size());
            notEmpty.signal();
        } finally {
            mu.unlock();
        }
    }

    int take() throws InterruptedException {
        mu.lock();
        try {
            while (items.isEmpty()) {
                notEmpty.await();
            }
            int v = items.removeFirst();
            notFull.signal();
            return v;
        } finally {
            mu.unlock();
        }
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        CondBoundedBuffer buf = new CondBoundedBuffer();
        WaitGroup wg = new WaitGroup();
        wg.go(() -> {
            for (int v = 1; v <= ITEMS; v++) {
                buf.put(v);
            }
        });
        long sum = 0;
        int last = 0;
        boolean inOrder = true;
        for (int i = 0; i < ITEMS; i++) {
            int v = buf.take();
            inOrder &= v == last + 1;
            last = v;
            sum += v;
        }
        wg.await(); // happens-after the producer's last unlock, so maxSeen is safe to read
        out.println("took " + ITEMS + " items, sum " + sum + ", in order: " + inOrder);
        out.println("never held more than " + CAPACITY + ": " + (buf.maxSeen <= CAPACITY));
    }
}
