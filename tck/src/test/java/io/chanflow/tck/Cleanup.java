package io.chanflow.tck;

import io.chanflow.Channel;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * What one TCK test leaves behind: contexts to cancel and channels to close once it is over, so that a goroutine
 * the test never cancelled (a feeder blocked on a send nobody will receive) ends with the test instead of
 * piling up for the rest of the run. Each verification class owns one and calls {@link #run()} after each test.
 */
final class Cleanup {
    private final List<Runnable> actions = new ArrayList<>();

    /** A fresh context, cancelled when the test is over. */
    synchronized CancelContext context() {
        CancelContext ctx = Context.withCancel(Context.background());
        actions.add(ctx::cancel);
        return ctx;
    }

    /** A context that is already cancelled: what an "error state" publisher is made from. */
    CancelContext cancelledContext() {
        CancelContext ctx = context();
        ctx.cancel();
        return ctx;
    }

    /** A fresh channel of {@code capacity}, closed when the test is over (a blocked sender wakes and ends). */
    synchronized <T> Channel<T> channel(int capacity) {
        Channel<T> ch = Channel.make(capacity);
        actions.add(() -> {
            try {
                ch.close();
            } catch (IllegalStateException alreadyClosed) {
                // The feeder closed it, or the test did: nothing left to release.
            }
        });
        return ch;
    }

    /** Cancels and closes everything the test made. */
    void run() {
        List<Runnable> todo;
        synchronized (this) {
            todo = new ArrayList<>(actions);
            actions.clear();
        }
        for (Runnable action : todo) {
            action.run();
        }
    }
}
