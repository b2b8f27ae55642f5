package io.chanflow.flow;

import io.chanflow.ReceiveChannel;
import java.util.concurrent.Flow;

/**
 * A subscription made by this module's engine, as a bridge may inspect it (Reactor's {@code Scannable}). Every
 * read is a snapshot that may be stale as soon as it returns; none of them changes anything.
 */
public interface BridgeSubscription extends Flow.Subscription, org.reactivestreams.Subscription {

    /** The demand requested by the subscriber and not yet signalled; {@link Long#MAX_VALUE} means unbounded. */
    long requested();

    /** {@code true} once the subscriber cancelled (or a rule it broke cancelled the subscription for it). */
    boolean isCancelled();

    /** {@code true} once {@code onComplete} or {@code onError} was signalled. */
    boolean isTerminated();

    /** The channel this subscription receives from, or {@code null} for a single-value builder. */
    ReceiveChannel<?> channel();

    /** The subscriber this subscription signals (as it was given to {@code subscribe}). */
    Object subscriber();

    /** The publisher that made this subscription. */
    Object publisher();
}
