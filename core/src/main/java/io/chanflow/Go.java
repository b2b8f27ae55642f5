package io.chanflow;

import io.chanflow.internal.Goroutine;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Goroutines: Go's {@code go} statement on virtual threads.
 *
 * <pre>{@code
 * Go.go(() -> say("world"));      // go say("world")
 * say("hello");
 * }</pre>
 *
 * <p>A goroutine is a new virtual thread, cheap enough to start by the hundred thousand. Chanflow keeps a registry
 * of the goroutines it started ({@link #numGoroutine()}); threads started by other means can use channels too but
 * are not counted.
 *
 * <h2>Failures</h2>
 * A task may throw any exception. One that escapes the task is reported, with the goroutine's name, to the
 * thread's {@link Thread.UncaughtExceptionHandler} (by default, the one that prints {@code Exception in thread
 * "goroutine-7" ...} to standard error); the exception passed is the task's own, never wrapped. Unlike Go, where a
 * panic in any goroutine ends the program, the rest of the program goes on: the JVM has no such rule, and a library
 * should not call {@code System.exit}. Code that must react to a goroutine's failure should catch it in the task
 * (see {@code WaitGroup} and, later, {@code ErrGroup}).
 */
public final class Go {
    private static final AtomicLong IDS = new AtomicLong();

    private Go() {
    }

    /**
     * Starts {@code task} in a new goroutine: Go's {@code go task()}. The goroutine is known as {@code goroutine-N}
     * in failure reports and diagnostics; its thread carries no name string until it needs one (an unnamed virtual
     * thread is smaller), and is given that name before an uncaught exception is reported.
     *
     * @return the goroutine's thread (for diagnostics or {@link Thread#join()}; Go has no such handle)
     */
    public static Thread go(Task task) {
        Objects.requireNonNull(task, "task");
        return start(IDS.incrementAndGet(), null, task);
    }

    /** Starts {@code task} in a new goroutine with the given thread name, shown in errors and dumps. */
    public static Thread go(String name, Task task) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        return start(IDS.incrementAndGet(), name, task);
    }

    /**
     * Starts {@code task} in a new goroutine that works for {@code ctx}: the Java form of Go's
     * {@code go worker(ctx)}. The task receives the context; when it ends by throwing the context's own error
     * ({@code ctx.err()}, as the context-taking channel operations do once it is cancelled), that is the goroutine
     * being told to stop, not a failure, and nothing is reported. Any other exception is reported as for
     * {@link #go(Task)}. The goroutine starts even if {@code ctx} is already done; the task decides what to do.
     *
     * @return the goroutine's thread
     */
    public static <C extends Done> Thread go(C ctx, ContextTask<? super C> task) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(task, "task");
        return go(() -> {
            try {
                task.run(ctx);
            } catch (java.util.concurrent.CancellationException e) {
                if (e != ctx.err()) {
                    throw e;
                }
            }
        });
    }

    private static Thread start(long id, String name, Task task) {
        Thread.Builder b = Thread.ofVirtual();
        if (name != null) {
            b.name(name);
        }
        Thread t = b.unstarted(() -> run(task));
        // Registered before it starts, as Go counts a goroutine from its go statement: a goroutine that has not
        // been scheduled yet is still live for numGoroutine, dumps and leak checks.
        Goroutine g = Goroutine.register(id, t);
        try {
            t.start();
        } catch (RuntimeException | Error e) {
            g.exit();
            throw e;
        }
        return t;
    }

    private static void run(Task task) {
        Goroutine g = Goroutine.current(); // registered by start() before this thread started
        try {
            task.run();
        } catch (Throwable t) {
            Thread self = Thread.currentThread();
            if (self.getName().isEmpty()) {
                self.setName(g.name()); // the report names the goroutine
            }
            self.getUncaughtExceptionHandler().uncaughtException(self, t);
        } finally {
            g.exit();
        }
    }

    /**
     * The number of live goroutines started by Chanflow: Go's {@code runtime.NumGoroutine()}, except that the
     * calling thread (Go's main goroutine) and threads started by other means are not counted. A goroutine counts
     * from before its task runs until after it returned.
     */
    public static int numGoroutine() {
        return Goroutine.count();
    }
}
