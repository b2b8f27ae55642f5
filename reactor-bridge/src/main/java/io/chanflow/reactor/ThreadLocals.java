package io.chanflow.reactor;

import io.chanflow.Task;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import reactor.core.publisher.Hooks;
import reactor.util.context.ContextView;

/**
 * Reactor's automatic context propagation, carried into the bridge's goroutines: with
 * {@code io.micrometer:context-propagation} on the class path and {@link Hooks#enableAutomaticContextPropagation()}
 * called, a goroutine the bridge starts for a subscriber (its emitter, a {@code flux} producer's body, a {@code mono}
 * body) runs with every {@code ThreadLocal} registered in {@code ContextRegistry} set from the subscriber's Reactor
 * context, and restored when it ends. So an MDC or tracing entry written with {@code contextWrite} downstream is a
 * {@code ThreadLocal} in the blocking body and in the subscriber's {@code onNext}.
 *
 * <p>Reactor restores {@code ThreadLocal}s on the threads of its own operators; these goroutines are not Reactor's
 * threads, so the bridge does it itself, once per goroutine (a goroutine serves one subscription). The library is
 * optional: without it, or with propagation off, the task runs as it is.
 */
final class ThreadLocals {
    private static final boolean AVAILABLE = present("io.micrometer.context.ContextSnapshotFactory");

    private ThreadLocals() {
    }

    /** {@code task}, run with the {@code ThreadLocal}s of {@code reactorContext} when propagation is on. */
    static Task restoring(ContextView reactorContext, Task task) {
        if (!AVAILABLE || reactorContext.isEmpty() || !Hooks.isAutomaticContextPropagationEnabled()) {
            return task;
        }
        return Restore.around(reactorContext, task);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ThreadLocals.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** The code that names the optional library's classes: loaded only once it is known to be there. */
    private static final class Restore {
        /** Keeps a {@code ThreadLocal} whose key the Reactor context lacks as it is (a new goroutine has none). */
        private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

        static Task around(ContextView reactorContext, Task task) {
            return () -> {
                try (ContextSnapshot.Scope restored = SNAPSHOTS.setThreadLocalsFrom(reactorContext)) {
                    task.run();
                }
            };
        }
    }
}
