package io.chanflow.context;

import io.chanflow.Channel;
import io.chanflow.ReceiveChannel;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/** A context that is never cancelled and has no deadline: the roots, and {@link Context#withoutCancel}. */
abstract sealed class UncancellableCtx implements Context permits EmptyCtx, WithoutCancelCtx {

    @Override
    public final Optional<Instant> deadline() {
        return Optional.empty();
    }

    /** The nil channel: never ready, so a select case on it never fires. */
    @Override
    public final ReceiveChannel<Void> done() {
        return Channel.nil();
    }

    @Override
    public final CancellationException err() {
        return null;
    }
}
