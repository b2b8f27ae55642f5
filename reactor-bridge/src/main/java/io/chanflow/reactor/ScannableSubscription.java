package io.chanflow.reactor;

import io.chanflow.ReceiveChannel;
import io.chanflow.flow.BridgeSubscription;
import org.reactivestreams.Publisher;
import reactor.core.Scannable;

/**
 * A subscription of the Flow bridge's engine as Reactor sees it: {@link #request} and {@link #cancel} go to the
 * engine unchanged, and {@link Scannable} reports its state (a snapshot, like every scan):
 * <ul>
 *   <li>{@code PARENT}: the Flux or Mono that made it; {@code ACTUAL}: the subscriber;</li>
 *   <li>{@code CANCELLED}, {@code TERMINATED}; {@code REQUESTED_FROM_DOWNSTREAM}: requested and not yet signalled
 *       ({@code Long.MAX_VALUE}: unbounded);</li>
 *   <li>{@code BUFFERED}: the elements waiting in the channel ({@code len}); {@code PREFETCH}: its capacity
 *       ({@code cap}), how far a producer can run ahead of demand — both absent for a Mono;</li>
 *   <li>{@code RUN_STYLE}: {@code ASYNC}, since every signal comes from the subscription's emitter goroutine.</li>
 * </ul>
 */
final class ScannableSubscription implements BridgeSubscription, Scannable {
    private final BridgeSubscription engine;
    private final Publisher<?> source;

    ScannableSubscription(BridgeSubscription engine, Publisher<?> source) {
        this.engine = engine;
        this.source = source;
    }

    @Override
    public void request(long n) {
        engine.request(n);
    }

    @Override
    public void cancel() {
        engine.cancel();
    }

    @Override
    public long requested() {
        return engine.requested();
    }

    @Override
    public boolean isCancelled() {
        return engine.isCancelled();
    }

    @Override
    public boolean isTerminated() {
        return engine.isTerminated();
    }

    @Override
    public ReceiveChannel<?> channel() {
        return engine.channel();
    }

    @Override
    public Object subscriber() {
        return engine.subscriber();
    }

    @Override
    public Object publisher() {
        return engine.publisher();
    }

    @Override
    public Object scanUnsafe(Attr key) {
        if (key == Attr.PARENT) {
            return source;
        }
        if (key == Attr.ACTUAL) {
            return engine.subscriber();
        }
        if (key == Attr.CANCELLED) {
            return engine.isCancelled();
        }
        if (key == Attr.TERMINATED) {
            return engine.isTerminated();
        }
        if (key == Attr.REQUESTED_FROM_DOWNSTREAM) {
            return engine.requested();
        }
        if (key == Attr.RUN_STYLE) {
            return Attr.RunStyle.ASYNC;
        }
        ReceiveChannel<?> ch = engine.channel();
        if (ch != null) {
            if (key == Attr.BUFFERED) {
                return ch.len();
            }
            if (key == Attr.PREFETCH) {
                return ch.cap();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return engine.toString();
    }
}
