package io.chanflow.context;

import io.chanflow.Channel;
import io.chanflow.ReceiveChannel;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/** {@link Context#withoutCancel}: the parent's values, none of its cancellation. Go's {@code withoutCancelCtx}. */
final class WithoutCancelCtx implements Context {
    final Context parent;

    WithoutCancelCtx(Context parent) {
        this.parent = parent;
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
        return ValueCtx.get(this, key);
    }

    @Override
    public String toString() {
        return ValueCtx.name(parent) + ".WithoutCancel";
    }
}
