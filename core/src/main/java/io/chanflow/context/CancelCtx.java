package io.chanflow.context;

import io.chanflow.Channel;
import io.chanflow.ReceiveChannel;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A context that can be cancelled: Go's {@code cancelCtx}, behind {@link Context#withCancel} and
 * {@link Context#withCancelCause}, and the base of {@link TimerCtx}.
 *
 * <h2>Implementation overview</h2>
 * One lock per context guards its state; cancellation is rare, so the lock is almost never contended, and the
 * common reads ({@link #err()} before cancellation, {@link #done()} after its first call) are single volatile
 * reads. It is a {@link ReentrantLock} rather than a monitor so that a virtual thread waiting for it unmounts on
 * JDK 21. {@link #cancel(boolean, CancellationException, Throwable)} does, under the lock: record the cause, set
 * {@code err}, close {@code done}, cancel every child with the same error and cause, forget the children; then,
 * outside the lock, detach from the parent.
 *
 * <p>{@code done} is created lazily, as in Go: most contexts are cancelled without anyone asking for the channel,
 * and those get the shared, already closed {@link #CLOSED} instead.
 *
 * <p>Invariants and orderings:
 * <ul>
 *   <li>{@code err} goes from {@code null} to non-null once, under the lock, and {@code cause} is written just
 *       before it; so a thread that reads a non-null {@code err} (volatile) sees the cause.</li>
 *   <li>{@code err} is written before {@code done} is closed, so whoever sees the closure sees {@code err}. The
 *       other direction (Go issue 75533: {@code err()} non-null but {@code done} still open) is closed by
 *       {@link #err()}: when it reads a non-null {@code err} while the lock is held, it takes the lock once,
 *       which waits for a cancellation still in progress.</li>
 *   <li>{@code children} is {@code null} when empty (so a long-lived context whose short-lived children come and
 *       go keeps no table), and {@code null} forever once cancelled: a child that tries to join a cancelled parent
 *       is cancelled instead ({@link #adopt}).</li>
 * </ul>
 */
sealed class CancelCtx extends Canceler implements CancelCauseContext permits TimerCtx {
    /** The internal key under which every cancel context finds itself (Go's {@code cancelCtxKey}). */
    static final Key<CancelCtx> KEY = Key.of("context.cancelCtxKey");

    /** The done channel of contexts cancelled before anyone asked for it (Go's {@code closedchan}). */
    static final Channel<Void> CLOSED = closedChannel();

    final ReentrantLock lock = new ReentrantLock();

    /** {@code null} until {@link #done()} is first called or the context is cancelled. Written under the lock. */
    private volatile Channel<Void> done;
    /** {@code null} until cancelled; written once, under the lock, before {@code done} is closed. */
    private volatile CancellationException err;
    /** Why it was cancelled; written once, under the lock, just before {@code err}. */
    private Throwable cause;
    /** The nodes to cancel with this one; guarded by the lock; {@code null} when empty and once cancelled. */
    private Set<Canceler> children;

    CancelCtx(Context parent) {
        super(parent);
    }

    private static Channel<Void> closedChannel() {
        Channel<Void> c = Channel.make();
        c.close();
        return c;
    }

    /** A new cancel context attached to {@code parent}. */
    static CancelCtx create(Context parent) {
        CancelCtx c = new CancelCtx(parent);
        c.attach();
        return c;
    }

    /**
     * The Chanflow cancel context whose cancellation {@code parent} reports through {@code done} (its own
     * {@code done()}), or {@code null} if there is none: Go's {@code parentCancelCtx}. A context implemented
     * elsewhere may wrap a cancel context but close its own channel; then its {@code done()} differs and it must be
     * followed as a foreign context.
     */
    static CancelCtx owner(Context parent, ReceiveChannel<Void> done) {
        if (done == CLOSED) {
            return null;
        }
        if (ValueCtx.lookup(parent, KEY) instanceof CancelCtx p && p.done == done) {
            return p;
        }
        return null;
    }

    // ---------------------------------------------------------------- Context

    @Override
    public Optional<Instant> deadline() {
        return parent.deadline();
    }

    @Override
    public final ReceiveChannel<Void> done() {
        Channel<Void> d = done;
        if (d != null) {
            return d;
        }
        lock.lock();
        try {
            d = done;
            if (d == null) {
                d = Channel.make();
                done = d;
            }
            return d;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final CancellationException err() {
        CancellationException e = err;
        if (e != null && lock.isLocked()) {
            // Possibly still cancelling: wait until done is closed, so that err() != null implies a closed done.
            lock.lock();
            lock.unlock();
        }
        return e;
    }

    @Override
    public final <T> T value(Key<T> key) {
        return ValueCtx.get(this, key);
    }

    /** The recorded cause, or {@code null} while not cancelled. */
    final Throwable cause() {
        return err != null ? cause : null; // the volatile read of err makes the cause written before it visible
    }

    // ---------------------------------------------------------------- cancel functions

    @Override
    public final void cancel() {
        cancel(true, Context.CANCELED, null);
    }

    @Override
    public final void cancel(Throwable cause) {
        cancel(true, Context.CANCELED, cause);
    }

    @Override
    final void cancel(boolean removeFromParent, CancellationException e, Throwable c) {
        if (e == null) {
            throw new IllegalStateException("unexpected state: cancel without an error");
        }
        lock.lock();
        try {
            if (err != null) {
                return; // already cancelled: the first error and cause stay
            }
            cause = c != null ? c : e;
            err = e;
            Channel<Void> d = done;
            if (d == null) {
                done = CLOSED;
            } else {
                d.close();
            }
            Set<Canceler> cs = children;
            children = null;
            if (cs != null) {
                for (Canceler child : cs) {
                    child.cancel(false, e, cause); // the child's lock inside ours: parent before child
                }
            }
            cancelled();
        } finally {
            lock.unlock();
        }
        if (removeFromParent) {
            detach();
        }
    }

    /** Called under the lock once this context is cancelled; {@link TimerCtx} stops its timer here. */
    void cancelled() {
    }

    // ---------------------------------------------------------------- children

    /** Adds {@code child} to the children, or cancels it at once if this context is already cancelled. */
    final void adopt(Canceler child) {
        lock.lock();
        try {
            if (err == null) {
                if (children == null) {
                    children = new HashSet<>();
                }
                children.add(child);
                return;
            }
        } finally {
            lock.unlock();
        }
        child.cancel(false, err, cause);
    }

    /** Forgets {@code child} (it was cancelled on its own, or its after-func stopped). */
    final void removeChild(Canceler child) {
        lock.lock();
        try {
            if (children != null && children.remove(child) && children.isEmpty()) {
                children = null; // release the table: a long-lived parent does not keep its peak size
            }
        } finally {
            lock.unlock();
        }
    }

    /** The number of children attached now; for tests. */
    final int childCount() {
        lock.lock();
        try {
            return children == null ? 0 : children.size();
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code c} is attached as a child now; for tests. */
    final boolean hasChild(Object c) {
        lock.lock();
        try {
            return children != null && children.contains(c);
        } finally {
            lock.unlock();
        }
    }

    /** Go's form: {@code parent.WithCancel}. */
    @Override
    public String toString() {
        return ValueCtx.name(parent) + ".WithCancel";
    }
}
