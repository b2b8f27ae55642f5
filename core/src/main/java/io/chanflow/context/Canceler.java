package io.chanflow.context;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import java.util.concurrent.CancellationException;

/**
 * Something that must be cancelled when a context is: a derived {@link CancelCtx}, or an {@link AfterFuncCtx}.
 * Holds how it is attached to the context it follows (Go's {@code propagateCancel} and {@code removeChild}).
 *
 * <h2>Implementation overview</h2>
 * {@link #attach()} links a new node to its {@link #parent}, in one of three ways, the cheapest that works:
 * <ol>
 *   <li>The parent can never be cancelled ({@code done()} is the nil channel): nothing to do.</li>
 *   <li>The parent is, or delegates to, a {@link CancelCtx} of this package (found through the internal
 *       {@link CancelCtx#KEY} value, and confirmed by its {@code done()} channel being that context's own): the
 *       node joins that context's set of children, which cancels it synchronously. This is the common case.</li>
 *   <li>The parent is implemented elsewhere: a goroutine waits on the parent's {@code done()} and cancels the node.
 *       Go's watcher waits on both {@code done()} channels in a select; here, detaching the node interrupts the
 *       watcher, so it never outlives the node.</li>
 * </ol>
 * If the parent is already cancelled, the node is cancelled at once with the parent's error and cause.
 *
 * <p>Locks: a parent's lock is taken before a child's (cancellation walks down the tree holding each lock in
 * turn, as Go does); a node never holds its own lock while it takes its parent's ({@link #detach()} is called after
 * the node's own cancellation has released it). Cancellation therefore recurses once per level of nesting, as in
 * Go: a chain of thousands of nested contexts needs a correspondingly larger thread stack.
 */
abstract sealed class Canceler permits CancelCtx, AfterFuncCtx {
    /** The context this node follows. */
    final Context parent;

    /**
     * How this node is attached, set once by {@link #attach()} before the node is published; at most one is
     * non-null. {@code registeredWith}: the Chanflow context whose children set holds this node. {@code watcher}:
     * the goroutine following a parent implemented elsewhere.
     */
    private volatile CancelCtx registeredWith;
    private volatile Thread watcher;

    Canceler(Context parent) {
        this.parent = parent;
    }

    /**
     * Cancels this node with {@code err} and {@code cause} (non-null) if it is not cancelled yet, and everything
     * attached to it; with {@code removeFromParent}, also detaches it from its parent. Idempotent.
     */
    abstract void cancel(boolean removeFromParent, CancellationException err, Throwable cause);

    /** Links this node to {@link #parent}'s cancellation; called once, by the factory, before publishing it. */
    final void attach() {
        ReceiveChannel<Void> done = parent.done();
        if (done == null) {
            throw new NullPointerException(
                    "Context.done() returned null: a context that is never cancelled returns Channel.nil()");
        }
        if (done == Channel.<Void>nil()) {
            return; // the parent is never cancelled
        }
        if (done.tryReceive().isClosed()) {
            cancel(false, errOf(parent), Context.cause(parent));
            return;
        }
        CancelCtx p = CancelCtx.owner(parent, done);
        if (p != null) {
            registeredWith = p;
            p.adopt(this);
            return;
        }
        watcher = Go.go(() -> {
            try {
                done.receiveOrClosed();
            } catch (InterruptedException detached) {
                return; // this node was cancelled on its own and detached
            }
            cancel(false, errOf(parent), Context.cause(parent));
        });
    }

    /** Undoes {@link #attach()}: leaves the parent's children set, or stops the watcher. Idempotent. */
    final void detach() {
        CancelCtx p = registeredWith;
        if (p != null) {
            p.removeChild(this);
        }
        Thread w = watcher;
        if (w != null) {
            w.interrupt(); // harmless if the watcher has already received the parent's cancellation
        }
    }

    /** A cancelled parent's error; {@code CANCELED} if a context implemented elsewhere closed done without one. */
    private static CancellationException errOf(Context parent) {
        CancellationException e = parent.err();
        return e != null ? e : Context.CANCELED;
    }
}
