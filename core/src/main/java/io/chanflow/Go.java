package io.chanflow;

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
     * Starts {@code task} in a new goroutine named {@code goroutine-N}: Go's {@code go task()}.
     *
     * @return the goroutine's thread (for diagnostics or {@link Thread#join()}; Go has no such handle)
     */
    public static Thread go(Task task) {
        Objects.requireNonNull(task, "task");
        long id = IDS.incrementAndGet();
        return start(id, "goroutine-" + id, task);
    }

    /** Starts {@code task} in a new goroutine with the given thread name, shown in errors and dumps. */
    public static Thread go(String name, Task task) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        return start(IDS.incrementAndGet(), name, task);
    }

    private static Thread start(long id, String name, Task task) {
        return Thread.ofVirtual().name(name).start(() -> run(id, task));
    }

    private static void run(long id, Task task) {
        Goroutine g = Goroutine.enter(id);
        try {
            task.run();
        } catch (Throwable t) {
            Thread self = Thread.currentThread();
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
