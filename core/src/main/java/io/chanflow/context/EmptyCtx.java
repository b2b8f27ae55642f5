package io.chanflow.context;

import java.util.Objects;

/** {@link Context#background()} and {@link Context#todo()}: never cancelled, no values, no deadline. */
final class EmptyCtx extends UncancellableCtx {
    static final EmptyCtx BACKGROUND = new EmptyCtx("context.Background");
    static final EmptyCtx TODO = new EmptyCtx("context.TODO");

    private final String name;

    private EmptyCtx(String name) {
        this.name = name;
    }

    @Override
    public <T> T value(Key<T> key) {
        Objects.requireNonNull(key, "nil key");
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
