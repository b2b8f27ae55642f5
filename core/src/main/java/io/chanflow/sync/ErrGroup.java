package io.chanflow.sync;

import io.chanflow.Go;
import io.chanflow.Task;
import io.chanflow.WaitGroup;
import io.chanflow.context.CancelCauseContext;
import io.chanflow.context.Context;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A group of goroutines working on subtasks of a common task, with the first failure reported:
 * {@code golang.org/x/sync/errgroup.Group}.
 *
 * <pre>{@code
 * ErrGroup.WithContext gc = ErrGroup.withContext(parent);  // g, ctx := errgroup.WithContext(parent)
 * for (String url : urls) {
 *     gc.group().go(() -> fetch(gc.ctx(), url));            // g.Go(func() error { ... })
 * }
 * Throwable err = gc.group().await();                        // err := g.Wait()
 * }</pre>
 *
 * <h2>Errors</h2>
 * A task fails by throwing; Go's returned {@code error} is the exception. {@link #await()} returns the first
 * failure (the first task to throw, in the order the group recorded them), or {@code null} if every task
 * returned normally: like Go's {@code Wait}, it returns the error rather than throwing it, so the caller decides;
 * {@code InterruptedException} is the only thing it throws. Failures after the first are dropped. A failure is
 * not reported to the uncaught-exception handler.
 *
 * <h2>Context</h2>
 * A group made by {@link #withContext} owns a derived context. It is cancelled, with {@link Context#cause} the first
 * failure, as soon as a task fails; and, whatever happened, when {@code await} returns (with cause {@code null},
 * that is {@link Context#CANCELED}, if there was no failure). Tasks that should stop early must watch it.
 *
 * <h2>Limit</h2>
 * {@link #setLimit} bounds the number of active goroutines: {@link #go} then blocks until one ends and
 * {@link #tryGo} refuses. A negative limit means no limit (the default).
 *
 * <p>Memory consistency: actions of each task happen-before the return of {@code await()}; the first failure's
 * recording happens-before its context's cancellation is observed.
 */
public final class ErrGroup {

    /** A group and the context it derived: what Go's {@code errgroup.WithContext} returns as a pair. */
    public record WithContext(ErrGroup group, Context ctx) {
    }

    /*
     * Implementation overview: a WaitGroup counts the goroutines (add before start, done in finally); the first
     * failure is set once by CAS into `failure`, and that same thread cancels the context with it. The limit is
     * Go's semaphore channel turned into a counter under `guard`:
     *
     *   limit   < 0 means none; otherwise the number of slots
     *   active  goroutines started while a limit was set that have not ended; 0 when no limit was ever set
     *
     * Invariant: limit >= 0 implies active <= limit, except right after a change to a negative limit, when the
     * goroutines that took slots keep counting down. A goroutine returns its slot iff it took one.
     */
    private final WaitGroup wg = new WaitGroup();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CancelCauseContext ctx; // null for new ErrGroup()
    private final ReentrantLock guard = new ReentrantLock();
    private final Condition slotFreed = guard.newCondition();
    private int limit = -1;
    private int active;

    /** A group with no limit and no context: Go's zero {@code Group}. */
    public ErrGroup() {
        this(null);
    }

    private ErrGroup(CancelCauseContext ctx) {
        this.ctx = ctx;
    }

    /**
     * A new group and a context derived from {@code parent}: Go's {@code errgroup.WithContext}. The context is
     * cancelled the first time a task fails (with that failure as its cause) or when {@link #await} returns,
     * whichever comes first.
     */
    public static WithContext withContext(Context parent) {
        CancelCauseContext c = Context.withCancelCause(parent);
        return new WithContext(new ErrGroup(c), c);
    }

    /**
     * Runs {@code task} in a new goroutine ({@link Go#go}): Go's {@code Go}. With a limit set, blocks first until
     * the number of active goroutines is below it.
     *
     * @throws InterruptedException if interrupted while waiting for a slot; the task is then not started
     */
    public void go(Task task) throws InterruptedException {
        Objects.requireNonNull(task, "task");
        boolean slot;
        guard.lock();
        try {
            while (limit >= 0 && active >= limit) {
                slotFreed.await();
            }
            slot = limit >= 0;
            if (slot) {
                active++;
            }
        } finally {
            guard.unlock();
        }
        start(task, slot);
    }

    /**
     * Starts {@code task} in a new goroutine only if the limit allows it now, and reports whether it did: Go's
     * {@code TryGo}. Never blocks.
     */
    public boolean tryGo(Task task) {
        Objects.requireNonNull(task, "task");
        boolean slot;
        guard.lock();
        try {
            if (limit >= 0 && active >= limit) {
                return false;
            }
            slot = limit >= 0;
            if (slot) {
                active++;
            }
        } finally {
            guard.unlock();
        }
        start(task, slot);
        return true;
    }

    private void start(Task task, boolean slot) {
        wg.add(1);
        try {
            Go.go(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    if (failure.compareAndSet(null, t) && ctx != null) {
                        ctx.cancel(t);
                    }
                } finally {
                    if (slot) {
                        releaseSlot();
                    }
                    wg.done();
                }
            });
        } catch (Throwable t) { // the thread could not start: undo the accounting
            if (slot) {
                releaseSlot();
            }
            wg.done();
            throw t;
        }
    }

    private void releaseSlot() {
        guard.lock();
        try {
            active--;
            slotFreed.signal();
        } finally {
            guard.unlock();
        }
    }

    /**
     * Limits the number of active goroutines in the group to {@code n}; a negative {@code n} removes the limit:
     * Go's {@code SetLimit}. With a limit of 0, {@link #go} blocks (until interrupted) and {@link #tryGo} fails.
     *
     * @throws IllegalStateException {@code "errgroup: modify limit while N goroutines in the group are still
     *     active"} if goroutines started under a limit are still running and {@code n} is not negative
     */
    public void setLimit(int n) {
        guard.lock();
        try {
            if (n >= 0 && active != 0) {
                throw new IllegalStateException(
                        "errgroup: modify limit while " + active + " goroutines in the group are still active");
            }
            limit = n < 0 ? -1 : n;
            slotFreed.signalAll(); // waiters in go() re-check against the new limit
        } finally {
            guard.unlock();
        }
    }

    /**
     * Blocks until every goroutine started by {@link #go} and {@link #tryGo} has ended, then returns the first
     * failure, or {@code null}: Go's {@code Wait}. Cancels the group's context, if it has one, before returning.
     *
     * @throws InterruptedException if interrupted while waiting; the context is then not cancelled by this call
     */
    public Throwable await() throws InterruptedException {
        wg.await();
        Throwable first = failure.get();
        if (ctx != null) {
            ctx.cancel(first);
        }
        return first;
    }
}
