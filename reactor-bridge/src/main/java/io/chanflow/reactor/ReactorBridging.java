package io.chanflow.reactor;

import io.chanflow.Task;
import io.chanflow.flow.BridgeSubscription;
import io.chanflow.flow.Bridging;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The {@link Bridging} of one Reactor subscription:
 * <ul>
 *   <li>what it can no longer signal goes to Reactor's hooks, looked up in the subscriber's Reactor context — lost
 *       errors to {@link Operators#onErrorDropped} (so to {@code Hooks.onErrorDropped}), elements dropped by a
 *       cancel to {@link Operators#onDiscard} (so to a {@code doOnDiscard} downstream);</li>
 *   <li>the subscriber is handed a {@link ScannableSubscription} of {@code source}, so {@code Scannable.from} and
 *       Reactor's debugging tools see through it;</li>
 *   <li>the goroutines of the subscription (emitter, producer body, mono body) run with the {@code ThreadLocal}s that
 *       the subscriber's Reactor context carries restored, when automatic context propagation is on
 *       ({@link ThreadLocals}).</li>
 * </ul>
 *
 * @param reactorContext the subscriber's {@code currentContext()}
 * @param source         the Flux or Mono subscribed to: the subscription's {@code Scannable.Attr.PARENT}
 */
record ReactorBridging(Context reactorContext, Publisher<?> source) implements Bridging {

    /** The bridging of a Chanflow subscriber (no Reactor source above it) with {@code reactorContext}'s hooks. */
    ReactorBridging(Context reactorContext) {
        this(reactorContext, null);
    }

    @Override
    public void errorDropped(Throwable error) {
        Operators.onErrorDropped(error, reactorContext);
    }

    @Override
    public void elementDiscarded(Object element) {
        Operators.onDiscard(element, reactorContext);
    }

    @Override
    public BridgeSubscription present(BridgeSubscription subscription) {
        return new ScannableSubscription(subscription, source);
    }

    @Override
    public Task around(Task task) {
        return ThreadLocals.restoring(reactorContext, task);
    }
}
