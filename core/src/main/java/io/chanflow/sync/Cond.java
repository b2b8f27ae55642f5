package io.chanflow.sync;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A rendezvous point for goroutines waiting for, or announcing, an event: Go's {@code sync.Cond}.
 *
 * <pre>{@code
 * mu.lock();
 * try {
 *     while (!ready) {
 *         cond.await();          // c.Wait()
 *     }
 * } finally {
 *     mu.unlock();
 * }
 * }</pre>
 *
 * <h2>Contract</h2>
 * {@link #await()} must be called with the cond's {@link Locker} held; it releases it, waits, and re-acquires it
 * before returning. Unlike {@link Object#wait()} and {@link java.util.concurrent.locks.Condition#await()},
 * {@code await} never returns spuriously: it returns only after a {@link #signal()} or {@link #broadcast()} chose
 * it. {@code signal} wakes exactly one waiter, the one that has waited longest, if any; {@code broadcast} wakes all
 * current waiters. A signal with no waiter is not remembered. {@code signal} and {@code broadcast} may be called with
 * or without the lock held. Callers should still re-check their condition in a loop, as in Go, since another
 * goroutine may change it between the wake-up and the re-locking.
 *
 * <h2>Interruption</h2>
 * If the thread is interrupted while it waits and no signal has chosen it yet, {@code await} re-acquires the lock
 * and throws {@link InterruptedException}; the waiter leaves the queue, so no later signal is spent on it. If a
 * signal chose it first, {@code await} returns normally with the interrupt flag set: a signal is never lost.
 *
 * <p>Memory consistency: actions before {@code signal()}/{@code broadcast()} happen-before the return of the
 * {@code await()} calls it wakes.
 */
public final class Cond {

    /*
     * Implementation overview: Go's notifyList, with nodes instead of tickets. await() enqueues its node under
     * `guard` BEFORE it releases the user's lock, so a signal sent after the caller's unlock finds it (no lost
     * wake-up). signal() dequeues the head and sets its `signalled` flag, then unparks it; the waiter parks in a
     * loop until the flag is set, which hides LockSupport's spurious returns. Nodes rather than Go's tickets
     * let an interrupted waiter remove itself, so signals are never spent on a waiter that has left.
     *
     * Invariant: a node is in `waiters` iff it is not signalled and its waiter has not given up; both changes
     * happen under `guard`.
     */
    private static final class Node {
        final Thread thread = Thread.currentThread();
        volatile boolean signalled;
    }

    private final Locker locker;
    private final ReentrantLock guard = new ReentrantLock();
    private final ArrayDeque<Node> waiters = new ArrayDeque<>();

    /** Creates a cond on {@code locker}: Go's {@code sync.NewCond(l)}. */
    public Cond(Locker locker) {
        this.locker = Objects.requireNonNull(locker, "locker");
    }

    /** The lock this cond releases and re-acquires: Go's {@code c.L}. */
    public Locker locker() {
        return locker;
    }

    /**
     * Releases the lock, waits for a {@link #signal()} or {@link #broadcast()}, re-acquires the lock and returns:
     * Go's {@code Wait}. The caller must hold the lock.
     *
     * @throws InterruptedException if interrupted before a signal chose this waiter (the lock is held again when
     *     this is thrown); an interrupt on entry throws at once, without releasing the lock
     */
    public void await() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Node node = new Node();
        guard.lock();
        try {
            waiters.addLast(node);
        } finally {
            guard.unlock();
        }
        locker.unlock();
        boolean gaveUp = false;
        boolean interruptedLate = false;
        while (!node.signalled) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                guard.lock();
                try {
                    if (node.signalled) {
                        interruptedLate = true; // the signal won: keep it, restore the flag below
                    } else {
                        waiters.remove(node);
                        gaveUp = true;
                    }
                } finally {
                    guard.unlock();
                }
                if (gaveUp) {
                    break;
                }
            }
        }
        locker.lockUninterruptibly();
        if (gaveUp) {
            throw new InterruptedException();
        }
        if (interruptedLate) {
            Thread.currentThread().interrupt();
        }
    }

    /** Wakes the longest-waiting goroutine, if any: Go's {@code Signal}. */
    public void signal() {
        Node n;
        guard.lock();
        try {
            n = waiters.pollFirst();
            if (n != null) {
                n.signalled = true;
            }
        } finally {
            guard.unlock();
        }
        if (n != null) {
            LockSupport.unpark(n.thread);
        }
    }

    /** Wakes every goroutine waiting now: Go's {@code Broadcast}. */
    public void broadcast() {
        Node[] all;
        guard.lock();
        try {
            all = waiters.toArray(new Node[0]);
            waiters.clear();
            for (Node n : all) {
                n.signalled = true;
            }
        } finally {
            guard.unlock();
        }
        for (Node n : all) {
            LockSupport.unpark(n.thread);
        }
    }
}
