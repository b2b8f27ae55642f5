package io.chanflow.sync;

import io.chanflow.context.AfterFunc;
import io.chanflow.context.Context;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A weighted semaphore: {@code golang.org/x/sync/semaphore.Weighted}. It holds {@code size} tokens; a caller
 * acquires {@code n} of them at a time and releases them later, possibly from another thread.
 *
 * <pre>{@code
 * Semaphore sem = new Semaphore(4);                 // semaphore.NewWeighted(4)
 * sem.acquire(ctx, 1);                              // if err := sem.Acquire(ctx, 1); err != nil { ... }
 * try {
 *     work();
 * } finally {
 *     sem.release(1);
 * }
 * }</pre>
 *
 * <h2>Fairness</h2>
 * Waiting requests are served strictly in arrival order (FIFO). A request at the front that does not fit yet holds
 * back the requests behind it, even smaller ones that would fit, so a large request is never starved by a stream of
 * small ones; {@link #tryAcquire} also fails while anybody waits.
 *
 * <h2>Cancellation and interruption</h2>
 * A waiting {@link #acquire} stops when {@code ctx} is cancelled (it throws {@code ctx.err()}) or when the thread
 * is interrupted (it throws {@link InterruptedException}). Either way it leaves the semaphore as it was: it holds
 * no tokens, and if it was the front waiter, the waiters behind it that now fit are woken. If the tokens were
 * granted at the same moment, they are given back before throwing; as in Go, a waiter that finds its tokens
 * granted but its context already done gives them back and throws {@code ctx.err()}. An interrupt that arrives
 * after the grant does not undo it: {@code acquire} returns with the interrupt flag set. A context already done on entry throws at
 * once, even if the tokens are free, as in Go. A request larger than {@code size} can never be granted and waits
 * for its context (or an interrupt).
 *
 * <p>Memory consistency: actions before a {@code release} happen-before the return of an {@code acquire} or a
 * successful {@code tryAcquire} that obtains tokens it released.
 */
public final class Semaphore {

    /*
     * Implementation overview: Go's Weighted. `cur` tokens are held; `waiters` is the FIFO of blocked requests.
     * A request is granted at once only if it fits AND nobody waits; otherwise it queues. release() and a
     * front waiter's departure call notifyWaiters(), which grants requests from the front while they fit and
     * stops at the first that does not (that stop is what prevents starvation of large requests). A granted
     * waiter's `granted` flag is set under `guard` and the thread unparked; it parks in a loop on that flag. A
     * waiter woken by its context (an after-func that unparks it) or by an interrupt decides under `guard`:
     * granted already -> give the tokens back; else leave the queue.
     *
     * Invariants, under guard: 0 <= cur <= size; every queued waiter is not granted; the tokens of granted
     * waiters are counted in cur.
     */
    private static final class Waiter {
        final long n;
        final Thread thread = Thread.currentThread();
        volatile boolean granted;

        Waiter(long n) {
            this.n = n;
        }
    }

    private final long size;
    private final ReentrantLock guard = new ReentrantLock();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private long cur;

    /**
     * A semaphore with {@code size} tokens, all free: Go's {@code NewWeighted}.
     *
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public Semaphore(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("semaphore: negative size " + size);
        }
        this.size = size;
    }

    /**
     * Acquires {@code n} tokens, blocking until they are free, {@code ctx} is done, or the thread is
     * interrupted: Go's {@code Acquire}. On failure the semaphore is unchanged (see the class doc).
     *
     * @throws CancellationException {@code ctx.err()}, if {@code ctx} is done before the tokens are granted
     * @throws InterruptedException if interrupted before the tokens are granted
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public void acquire(Context ctx, long n) throws InterruptedException {
        Objects.requireNonNull(ctx, "ctx");
        checkWeight(n);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Waiter w;
        guard.lock();
        try {
            CancellationException err = ctx.err();
            if (err != null) {
                throw err;
            }
            if (size - cur >= n && waiters.isEmpty()) {
                cur += n;
                return;
            }
            w = new Waiter(n);
            waiters.addLast(w);
        } finally {
            guard.unlock();
        }
        AfterFunc wake = Context.afterFunc(ctx, () -> LockSupport.unpark(w.thread));
        try {
            for (;;) {
                if (w.granted) {
                    CancellationException err = ctx.err();
                    if (err != null) { // granted, but the context was done first: as in Go, the context wins
                        release(w.n);
                        throw err;
                    }
                    return; // an interrupt that lost to the grant stays set on the thread
                }
                boolean interrupted = Thread.interrupted();
                if (interrupted || ctx.err() != null) {
                    giveUp(w);
                    if (interrupted) {
                        throw new InterruptedException();
                    }
                    throw ctx.err();
                }
                LockSupport.park(this);
            }
        } finally {
            wake.stop();
        }
    }

    /** The waiter leaves: undo a grant that raced with it, or leave the queue and let the ones behind move up. */
    private void giveUp(Waiter w) {
        guard.lock();
        try {
            if (w.granted) {
                cur -= w.n;
                notifyWaiters();
            } else {
                boolean front = waiters.peekFirst() == w;
                waiters.remove(w);
                if (front && size > cur) {
                    notifyWaiters();
                }
            }
        } finally {
            guard.unlock();
        }
    }

    /**
     * Acquires {@code n} tokens if they are free now and nobody waits, and reports whether it did: Go's
     * {@code TryAcquire}. Never blocks.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public boolean tryAcquire(long n) {
        checkWeight(n);
        guard.lock();
        try {
            if (size - cur >= n && waiters.isEmpty()) {
                cur += n;
                return true;
            }
            return false;
        } finally {
            guard.unlock();
        }
    }

    /**
     * Releases {@code n} tokens and grants waiting requests that now fit, in FIFO order: Go's {@code Release}.
     * Any thread may release.
     *
     * @throws IllegalStateException {@code "semaphore: released more than held"} if more than the held tokens
     *     would be released; the semaphore is then unchanged
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public void release(long n) {
        checkWeight(n);
        guard.lock();
        try {
            if (n > cur) {
                throw new IllegalStateException("semaphore: released more than held");
            }
            cur -= n;
            notifyWaiters();
        } finally {
            guard.unlock();
        }
    }

    /** Grants queued requests from the front while they fit. Requires guard held. */
    private void notifyWaiters() {
        for (Waiter w; (w = waiters.peekFirst()) != null; ) {
            if (size - cur < w.n) {
                // Not enough tokens for the front waiter. Granting a smaller one behind it would let a stream of
                // small requests starve this one, so everybody waits for it.
                break;
            }
            cur += w.n;
            waiters.pollFirst();
            w.granted = true;
            LockSupport.unpark(w.thread);
        }
    }

    private static void checkWeight(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("semaphore: negative weight " + n);
        }
    }
}
