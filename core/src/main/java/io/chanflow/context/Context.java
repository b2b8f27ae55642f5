package io.chanflow.context;

import io.chanflow.Channel;
import io.chanflow.Done;
import io.chanflow.ReceiveChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * A deadline, a cancellation signal and request-scoped values that travel together across API boundaries and
 * goroutines: Go's {@code context.Context}.
 *
 * <pre>{@code
 * try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(2))) {  // defer cancel()
 *     Go.go(() -> worker(ctx));
 *     Received<Void> r = ctx.done().receiveOrClosed();      // <-ctx.Done()
 *     System.out.println(ctx.err().getMessage());            // "context deadline exceeded"
 * }
 *
 * static void worker(Context ctx) throws InterruptedException {
 *     while (ctx.err() == null) {                            // or: ctx.done().tryReceive().isClosed()
 *         step();
 *     }
 * }
 * }</pre>
 *
 * <h2>Deriving contexts</h2>
 * Contexts form a tree. {@link #background()} is the root; the {@code with...} factories derive a child from a
 * parent. Cancelling a context (by its {@link CancelContext#cancel()}, or because its deadline passed) cancels all
 * the contexts derived from it, before {@code cancel} returns; cancelling a child never affects its parent. A
 * context derived from one that is already cancelled is born cancelled, with the parent's error and cause.
 *
 * <h2>Rules of use (Go's)</h2>
 * <ul>
 *   <li>Pass a context explicitly, as the first parameter of each method that needs it ({@code ctx}); do not
 *       store it in a field of a long-lived object.</li>
 *   <li>Never pass {@code null}: pass {@link #todo()} when unsure which context to use. A {@code null} parent is
 *       rejected with {@code NullPointerException("cannot create context from nil parent")}.</li>
 *   <li>Call the cancel function of every context you derive, as soon as the work it covers is done, also when
 *       the deadline will fire anyway: it releases the child's entry in its parent and its timer.
 *       {@link CancelContext} is {@link AutoCloseable}, so {@code try (var ctx = Context.withCancel(parent)) {...}}
 *       plays Go's {@code defer cancel()}. Give the cancel function to the code that owns the work; pass the
 *       context on as a plain {@code Context}.</li>
 *   <li>Use values only for request-scoped data that crosses processes and APIs, not to pass optional
 *       parameters.</li>
 *   <li>A context may be used by any number of goroutines at once.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * {@link #err()} returns {@code null} or one of two well-known, shared, stackless values: {@link #CANCELED}
 * ({@code "context canceled"}) or {@link #DEADLINE_EXCEEDED} ({@code "context deadline exceeded"}). Compare them
 * by identity or type; they extend {@link CancellationException}, so they can be thrown as they are, but neither is
 * a subtype of the other (in Go, {@code errors.Is(DeadlineExceeded, Canceled)} is false). {@link #cause(Context)}
 * returns the more specific reason a cancel function or a deadline was given.
 *
 * <h2>Memory consistency</h2>
 * Actions before a context is cancelled (before its cancel function is called, or its parent's, or before its
 * deadline fires) happen-before a receive from {@link #done()} that reports the closure, and before a call to
 * {@link #err()} or {@link #cause(Context)} that returns non-{@code null}.
 *
 * <h2>Own implementations</h2>
 * Code may implement {@code Context} itself, as in Go. Each method must keep the contract below; {@link #done()}
 * must not return {@code null} (return {@link Channel#nil()} for a context that is never cancelled), and
 * {@link #value} should ask the parent context for keys it does not know, which lets derived contexts find their
 * nearest Chanflow ancestor. A Chanflow context derived from such a context follows its cancellation with a
 * goroutine that waits on its {@code done()} channel, until one of the two is cancelled.
 */
public interface Context extends Done {

    /** The error of a context cancelled by its cancel function: Go's {@code context.Canceled}. */
    CanceledException CANCELED = new CanceledException();

    /** The error of a context whose deadline passed: Go's {@code context.DeadlineExceeded}. */
    DeadlineExceededException DEADLINE_EXCEEDED = new DeadlineExceededException();

    /**
     * When this context will be cancelled because its deadline passed, or empty if it has no deadline. Repeated
     * calls return equal results (a context's deadline never changes).
     */
    Optional<Instant> deadline();

    /**
     * A channel that is closed when this context is cancelled: Go's {@code ctx.Done()}. Nothing is ever sent on
     * it; a receive reports the closure, a {@code tryReceive} tells whether it happened. A context that can never
     * be cancelled ({@link #background()}, {@link #todo()}, {@link #withoutCancel}) returns {@link Channel#nil()},
     * which is never ready. Repeated calls return the same channel. Closing happens after {@link #err()} is set
     * and before {@code cancel} returns.
     */
    @Override
    ReceiveChannel<Void> done();

    /**
     * {@code null} while {@link #done()} is open; after it is closed, why: {@link #CANCELED} or
     * {@link #DEADLINE_EXCEEDED}. Once non-{@code null}, repeated calls return the same value, and {@code done()} is
     * closed.
     */
    @Override
    CancellationException err();

    /**
     * The value associated with {@code key} by the innermost {@link #withValue} on the path from this context to
     * the root, or {@code null} if there is none (or if that value is {@code null}). Repeated calls with the same key
     * return the same value.
     *
     * @throws NullPointerException {@code "nil key"} if {@code key} is {@code null}
     */
    <T> T value(Key<T> key);

    // ---------------------------------------------------------------- roots

    /**
     * The root of every context tree: never cancelled, no values, no deadline. Go's {@code context.Background()}.
     * Use it in {@code main}, initialisation and tests, and as the top-level context of incoming requests.
     */
    static Context background() {
        return EmptyCtx.BACKGROUND;
    }

    /**
     * An empty context like {@link #background()}, used when it is unclear which context to use or none is
     * available yet: Go's {@code context.TODO()}.
     */
    static Context todo() {
        return EmptyCtx.TODO;
    }

    // ---------------------------------------------------------------- cancellation

    /**
     * A child of {@code parent} with its own cancel function: Go's {@code context.WithCancel}. Its
     * {@link #done()} closes when its {@link CancelContext#cancel()} is called or when {@code parent} is cancelled,
     * whichever happens first.
     *
     * @throws NullPointerException {@code "cannot create context from nil parent"}
     */
    static CancelContext withCancel(Context parent) {
        return CancelCtx.create(requireParent(parent));
    }

    /**
     * Like {@link #withCancel}, with a cancel function that records a cause: Go's {@code context.WithCancelCause}.
     * {@code cancel(cause)} sets {@link #err()} to {@link #CANCELED} and {@link #cause(Context)} to {@code cause}.
     *
     * @throws NullPointerException {@code "cannot create context from nil parent"}
     */
    static CancelCauseContext withCancelCause(Context parent) {
        return CancelCtx.create(requireParent(parent));
    }

    /**
     * A child of {@code parent} that is cancelled at {@code deadline} at the latest: Go's
     * {@code context.WithDeadline}. When the deadline passes, {@link #err()} becomes {@link #DEADLINE_EXCEEDED};
     * when its cancel function (or the parent) comes first, {@link #CANCELED}. A deadline in the past cancels the
     * child at once. If {@code parent}'s deadline is earlier, the child simply shares it (Go then returns a plain
     * {@link #withCancel} context, and so do we).
     *
     * @throws NullPointerException {@code "cannot create context from nil parent"}, or if {@code deadline} is
     *     {@code null}
     */
    static CancelContext withDeadline(Context parent, Instant deadline) {
        return withDeadlineCause(parent, deadline, null);
    }

    /**
     * Like {@link #withDeadline}, and when the deadline passes, {@link #cause(Context)} returns {@code cause}
     * (if not {@code null}) instead of {@link #DEADLINE_EXCEEDED}: Go's {@code context.WithDeadlineCause}. The cancel
     * function does not take a cause.
     *
     * @throws NullPointerException {@code "cannot create context from nil parent"}, or if {@code deadline} is
     *     {@code null}
     */
    static CancelContext withDeadlineCause(Context parent, Instant deadline, Throwable cause) {
        requireParent(parent);
        Objects.requireNonNull(deadline, "deadline");
        return TimerCtx.create(parent, deadline, cause);
    }

    /**
     * {@code withDeadline(parent, now + timeout)}: Go's {@code context.WithTimeout}. A zero or negative timeout
     * cancels the child at once.
     *
     * @throws NullPointerException {@code "cannot create context from nil parent"}, or if {@code timeout} is
     *     {@code null}
     */
    static CancelContext withTimeout(Context parent, Duration timeout) {
        return withTimeoutCause(parent, timeout, null);
    }

    /**
     * {@code withDeadlineCause(parent, now + timeout, cause)}: Go's {@code context.WithTimeoutCause}.
     *
     * @throws NullPointerException {@code "cannot create context from nil parent"}, or if {@code timeout} is
     *     {@code null}
     */
    static CancelContext withTimeoutCause(Context parent, Duration timeout, Throwable cause) {
        requireParent(parent);
        Objects.requireNonNull(timeout, "timeout");
        return TimerCtx.create(parent, TimerCtx.deadlineAfter(timeout), cause);
    }

    /**
     * A child of {@code parent} that is never cancelled, not even when {@code parent} is: Go's
     * {@code context.WithoutCancel}. It keeps {@code parent}'s values, has no deadline, {@link #done()} is
     * {@link Channel#nil()}, {@link #err()} and {@link #cause(Context)} are {@code null}. For work that must
     * outlive the request that started it (an audit log written after the request was cancelled).
     *
     * @throws NullPointerException {@code "cannot create context from nil parent"}
     */
    static Context withoutCancel(Context parent) {
        return new WithoutCancelCtx(requireParent(parent));
    }

    /**
     * Arranges for {@code f} to run in its own goroutine once {@code ctx} is cancelled (at once if it already is):
     * Go's {@code context.AfterFunc}. Several functions may be registered on one context; each runs at most once.
     * Cancelling does not wait for {@code f}. Call {@link AfterFunc#stop()} to unregister it.
     *
     * @throws NullPointerException if {@code ctx} or {@code f} is {@code null}
     */
    static AfterFunc afterFunc(Context ctx, Runnable f) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(f, "f");
        return AfterFuncCtx.create(ctx, f);
    }

    /**
     * Why {@code ctx} was cancelled: Go's {@code context.Cause}. The cause given to the cancel function of
     * {@code ctx} or of the ancestor whose cancellation reached it (or to a {@code ...Cause} deadline that fired);
     * {@link #err()} if no cause was given; {@code null} while {@code ctx} is not cancelled. Contexts implemented
     * outside Chanflow report the cause of their nearest Chanflow ancestor if it has one, else their
     * {@code err()}.
     *
     * @throws NullPointerException if {@code ctx} is {@code null}
     */
    static Throwable cause(Context ctx) {
        Objects.requireNonNull(ctx, "ctx");
        if (ValueCtx.lookup(ctx, CancelCtx.KEY) instanceof CancelCtx cc) {
            Throwable cause = cc.cause();
            if (cause != null) {
                return cause;
            }
            CancellationException err = ctx.err();
            if (err == null) {
                return null;
            }
            // Cancelled since we looked (through cc: then its cause is set now, as it is set before any err), or
            // cancelled in a context implemented outside Chanflow below cc, which has no cause of its own.
            cause = cc.cause();
            return cause != null ? cause : err;
        }
        return ctx.err();
    }

    // ---------------------------------------------------------------- values

    /**
     * A child of {@code parent} that carries {@code value} for {@code key}: Go's {@code context.WithValue}. Looking
     * the key up in this context or any context derived from it returns {@code value}, unless a context closer to
     * the one asked binds the key again (the innermost binding wins). {@code value} may be {@code null}, which hides
     * an outer binding. Lookup walks the chain of contexts: keep chains short.
     *
     * @throws NullPointerException {@code "cannot create context from nil parent"}, or {@code "nil key"}
     */
    static <T> Context withValue(Context parent, Key<T> key, T value) {
        requireParent(parent);
        return new ValueCtx(parent, requireKey(key), value);
    }

    /**
     * A key for {@link #withValue} and {@link #value}, typed by its values. Keys are compared by identity: two keys
     * created with the same name are different keys, so a package that keeps its keys private can be sure no other
     * code reads or overwrites its values (Go reaches the same with an unexported key type). Create each key once,
     * typically as a {@code static final} field.
     *
     * <pre>{@code
     * static final Context.Key<User> USER = Context.Key.of("user");
     * Context ctx = Context.withValue(parent, USER, user);
     * User u = ctx.value(USER);
     * }</pre>
     *
     * @param <T> the type of the values bound to this key
     */
    final class Key<T> {
        private final String name;

        private Key(String name) {
            this.name = name;
        }

        /**
         * A new key, distinct from every other key, also from keys of the same name. The name is only shown by
         * {@link #toString()}.
         *
         * @throws NullPointerException if {@code name} is {@code null}
         */
        public static <T> Key<T> of(String name) {
            return new Key<>(Objects.requireNonNull(name, "name"));
        }

        /** The name given at creation. */
        public String name() {
            return name;
        }

        /** The name given at creation, as context {@code toString()}s show it. */
        @Override
        public String toString() {
            return name;
        }
    }

    // ---------------------------------------------------------------- argument checks

    private static Context requireParent(Context parent) {
        if (parent == null) {
            throw new NullPointerException("cannot create context from nil parent");
        }
        return parent;
    }

    private static <T> Key<T> requireKey(Key<T> key) {
        if (key == null) {
            throw new NullPointerException("nil key");
        }
        return key;
    }
}
