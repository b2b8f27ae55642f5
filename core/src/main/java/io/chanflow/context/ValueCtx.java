package io.chanflow.context;

import io.chanflow.ReceiveChannel;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * A context that binds one key to one value and delegates everything else to its parent: Go's {@code valueCtx}.
 * Also the home of the value lookup shared by all of this package's contexts.
 */
final class ValueCtx implements Context {
    final Context parent;
    private final Key<?> key;
    private final Object value;

    ValueCtx(Context parent, Key<?> key, Object value) {
        this.parent = parent;
        this.key = key;
        this.value = value;
    }

    /**
     * {@code c.value(key)}, walking the chain in a loop rather than by recursion through each context's
     * {@code value} (Go's {@code value} function). Stops at the first binding of {@code key}; the internal
     * {@link CancelCtx#KEY} is bound by every {@link CancelCtx} to itself and hidden by {@link WithoutCancelCtx},
     * whose descendants must not find the cancel contexts above it. A context implemented outside this package is
     * asked itself.
     */
    static Object lookup(Context c, Key<?> key) {
        for (;;) {
            switch (c) {
                case ValueCtx v -> {
                    if (v.key == key) {
                        return v.value;
                    }
                    c = v.parent;
                }
                case CancelCtx cc -> {
                    if (key == CancelCtx.KEY) {
                        return cc;
                    }
                    c = cc.parent;
                }
                case WithoutCancelCtx w -> {
                    if (key == CancelCtx.KEY) {
                        return null;
                    }
                    c = w.parent;
                }
                case EmptyCtx e -> {
                    return null;
                }
                default -> {
                    return c.value(key);
                }
            }
        }
    }

    /** {@link Context#value} for this package's contexts: checks the key, then {@link #lookup}. */
    @SuppressWarnings("unchecked") // withValue binds a Key<T> only to a T
    static <T> T get(Context c, Key<T> key) {
        Objects.requireNonNull(key, "nil key");
        return (T) lookup(c, key);
    }

    /** How Go's {@code contextName} shows a parent: its {@code toString()}. */
    static String name(Context c) {
        return String.valueOf(c);
    }

    @Override
    public Optional<Instant> deadline() {
        return parent.deadline();
    }

    @Override
    public ReceiveChannel<Void> done() {
        return parent.done();
    }

    @Override
    public CancellationException err() {
        return parent.err();
    }

    @Override
    public <T> T value(Key<T> k) {
        return get(this, k);
    }

    /** Go's form: {@code parent.WithValue(key, value)}, with {@code <nil>} for a {@code null} value. */
    @Override
    public String toString() {
        return name(parent) + ".WithValue(" + key + ", " + (value == null ? "<nil>" : String.valueOf(value)) + ")";
    }
}
