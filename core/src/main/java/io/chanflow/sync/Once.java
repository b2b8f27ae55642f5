package io.chanflow.sync;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Performs one action exactly once: Go's {@code sync.Once}, with {@link #func}, {@link #value} and {@link #values}
 * for Go's {@code OnceFunc}, {@code OnceValue} and {@code OnceValues}.
 *
 * <pre>{@code
 * private final Once once = new Once();
 * void setup() throws InterruptedException {
 *     once.run(this::init);             // once.Do(init)
 * }
 *
 * Supplier<Config> config = Once.value(Config::load);   // sync.OnceValue(loadConfig)
 * }</pre>
 *
 * <h2>{@code run}</h2>
 * The first call of {@link #run} runs its function; every other call, concurrent or later, with the same or
 * another function, does not run its function but waits until the first has finished. A function that throws
 * counts as done, as a panicking one does in Go: its exception propagates to the call that ran it only, and later
 * calls return normally without running anything.
 *
 * <p>A function passed to {@code run} must not call {@code run} on the same {@code Once}: Go deadlocks; here the
 * inner call throws {@code IllegalStateException("sync: Once.run called recursively")}.
 *
 * <p>Memory consistency: the actions of the function happen-before the return of every {@code run} call (and of
 * every call of the functions {@code func}, {@code value} and {@code values} return).
 */
public final class Once {

    /*
     * Implementation overview: Go's double-checked scheme. `done` is read first without the lock (the fast path
     * once it is set); a caller that sees it unset takes `lock`, checks again and, if still unset, runs the
     * function and sets `done` in a finally block, so a throwing function counts as done. Waiters block on the
     * lock, which parks them. ReentrantLock is used so that a recursive call can be recognised and reported
     * instead of recursing into the function again.
     *
     * Invariant: `done` goes false -> true once, only while `lock` is held and after the function returned or
     * threw; its volatile write publishes the function's effects to fast-path readers.
     */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean done;

    /** Creates a {@code Once} whose function has not run (Go's zero value). */
    public Once() {
    }

    /**
     * Runs {@code f} if no call of {@code run} on this {@code Once} has run its function yet: Go's {@code Do}.
     * Blocks while another thread is running the function.
     *
     * @throws InterruptedException if the thread is interrupted while it waits for another thread's call; the
     *     function has then not necessarily finished (a thread that runs the function is not interrupted by it)
     * @throws IllegalStateException if called from inside the function
     */
    public void run(Runnable f) throws InterruptedException {
        Objects.requireNonNull(f, "f");
        if (done) {
            return;
        }
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("sync: Once.run called recursively");
        }
        lock.lockInterruptibly();
        try {
            runLocked(f);
        } finally {
            lock.unlock();
        }
    }

    /** Whether a call of {@link #run} has run its function to the end (normally or by throwing). */
    public boolean isDone() {
        return done;
    }

    private void runLocked(Runnable f) {
        if (!done) {
            try {
                f.run();
            } finally {
                done = true;
            }
        }
    }

    /** The uninterruptible form, for the wrappers whose functional types cannot throw InterruptedException. */
    private void runUninterruptibly(Runnable f) {
        if (done) {
            return;
        }
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("sync: Once.run called recursively");
        }
        lock.lock();
        try {
            runLocked(f);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns a function that calls {@code f} only the first time it is called: Go's {@code OnceFunc}. If
     * {@code f} throws, every call of the returned function throws that same exception object.
     *
     * <p>A caller that finds {@code f} running waits for it uninterruptibly (a {@link Runnable} cannot throw
     * {@link InterruptedException}); its interrupt flag stays set.
     */
    public static Runnable func(Runnable f) {
        Objects.requireNonNull(f, "f");
        Once once = new Once();
        Outcome<Void> out = new Outcome<>();
        Runnable body = () -> out.capture(() -> {
            f.run();
            return null;
        });
        return () -> {
            once.runUninterruptibly(body);
            out.getUnchecked();
        };
    }

    /**
     * Returns a function that calls {@code f} the first time it is called and returns its result on every call:
     * Go's {@code OnceValue}. If {@code f} throws, every call throws that same exception object.
     *
     * <p>A caller that finds {@code f} running waits for it uninterruptibly; its interrupt flag stays set.
     */
    public static <T> Supplier<T> value(Supplier<? extends T> f) {
        Objects.requireNonNull(f, "f");
        Once once = new Once();
        Outcome<T> out = new Outcome<>();
        Runnable body = () -> out.capture(f::get);
        return () -> {
            once.runUninterruptibly(body);
            return out.getUnchecked();
        };
    }

    /**
     * Returns a function that calls {@code f} the first time it is called and then, on every call, returns its
     * result or throws the same exception it threw, checked or not: Go's {@code OnceValues}, for the usual
     * {@code func() (T, error)}. A caller that finds {@code f} running waits interruptibly.
     */
    public static <T> Callable<T> values(Callable<? extends T> f) {
        Objects.requireNonNull(f, "f");
        Once once = new Once();
        Outcome<T> out = new Outcome<>();
        Runnable body = () -> out.capture(f);
        return () -> {
            once.run(body);
            return out.get();
        };
    }

    /** What the function produced; written once before `done` is set, read only after it is seen set. */
    private static final class Outcome<T> {
        private T value;
        private Throwable failure;

        void capture(Callable<? extends T> f) {
            try {
                value = f.call();
            } catch (Throwable t) {
                failure = t;
            }
        }

        T get() throws Exception {
            if (failure instanceof Exception e) {
                throw e;
            }
            return getUnchecked();
        }

        T getUnchecked() {
            Throwable t = failure;
            if (t == null) {
                return value;
            }
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("unexpected checked exception from a Runnable or Supplier", t);
        }
    }
}
