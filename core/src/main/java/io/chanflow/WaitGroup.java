package io.chanflow;

import java.util.Objects;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * Waits for a collection of goroutines to finish: Go's {@code sync.WaitGroup}.
 *
 * <pre>{@code
 * WaitGroup wg = new WaitGroup();
 * for (int i = 1; i <= 5; i++) {
 *     int id = i;
 *     wg.go(() -> worker(id));     // wg.Go(func() { worker(id) })   (Go 1.25)
 * }
 * wg.await();                      // wg.Wait()
 * }</pre>
 *
 * <p>As in Go: {@link #add} with a positive delta must happen before the goroutine it accounts for starts (and before
 * {@link #await}); {@link #done} is {@code add(-1)}; the counter going negative throws
 * {@code IllegalStateException("sync: negative WaitGroup counter")} (Go panics) and leaves the counter unchanged.
 * Unlike Go, a WaitGroup may be reused while an {@code await} is still returning.
 *
 * <p>Memory consistency: actions before {@code done()} happen-before the return of the {@code await()} it releases.
 *
 * <p>Waiting parks the virtual thread (no pinning).
 */
public final class WaitGroup {

    /** The counter is the synchronizer's state; a shared acquire succeeds when it is zero. */
    private static final class Sync extends AbstractQueuedSynchronizer {
        private static final long serialVersionUID = 1L;

        @Override
        protected int tryAcquireShared(int ignored) {
            return getState() == 0 ? 1 : -1;
        }

        @Override
        protected boolean tryReleaseShared(int delta) {
            for (;;) {
                int c = getState();
                long n = (long) c + delta;
                if (n < 0) {
                    throw new IllegalStateException("sync: negative WaitGroup counter");
                }
                if (n > Integer.MAX_VALUE) {
                    throw new IllegalStateException("sync: WaitGroup counter overflow");
                }
                if (compareAndSetState(c, (int) n)) {
                    return n == 0;
                }
            }
        }

        int count() {
            return getState();
        }
    }

    private final Sync sync = new Sync();

    /** Adds {@code delta}, which may be negative, to the counter; at zero, every {@link #await} returns. */
    public void add(int delta) {
        sync.releaseShared(delta);
    }

    /** Decrements the counter by one. */
    public void done() {
        sync.releaseShared(-1);
    }

    /** Blocks until the counter is zero: Go's {@code Wait}. Returns at once if it is zero now. */
    public void await() throws InterruptedException {
        sync.acquireSharedInterruptibly(0);
    }

    /**
     * Runs {@code task} in a new goroutine and counts it: Go 1.25's {@code WaitGroup.Go}, that is {@code add(1)},
     * then {@code go}, with {@code done()} when the task finishes, normally or not.
     *
     * @return the goroutine's thread
     */
    public Thread go(Task task) {
        Objects.requireNonNull(task, "task");
        add(1);
        try {
            return Go.go(() -> {
                try {
                    task.run();
                } finally {
                    done();
                }
            });
        } catch (RuntimeException | Error e) {
            done(); // the goroutine never started
            throw e;
        }
    }

    @Override
    public String toString() {
        return "WaitGroup[count=" + sync.count() + "]";
    }
}
