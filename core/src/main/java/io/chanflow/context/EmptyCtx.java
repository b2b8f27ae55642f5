package io.chanflow.context;

import io.chanflow.Channel;
import io.chanflow.ReceiveChannel;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/** {@link Context#background()} and {@link Context#todo()}: never cancelled, no values, no deadline. */
final class EmptyCtx implements Context {
    static final EmptyCtx BACKGROUND = new EmptyCtx("context.Background");
    static final EmptyCtx TODO = new EmptyCtx("context.TODO");

    private final String name;

    private EmptyCtx(String name) {
        this.name = name;
    }

    @Override
    public Optional<Instant> deadline() {
        return Optional.empty();
    }

    @Override
    public ReceiveChannel<Void> done() {
        return Channel.nil();
    }

    @Override
    public CancellationException err() {
        return null;
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
