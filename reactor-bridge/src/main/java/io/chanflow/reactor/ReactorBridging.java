package io.chanflow.reactor;

import io.chanflow.flow.Bridging;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The {@link Bridging} of one subscription: what it can no longer signal goes to Reactor's hooks, looked up in the
 * subscriber's Reactor context — lost errors to {@link Operators#onErrorDropped} (so to
 * {@code Hooks.onErrorDropped}), elements dropped by a cancel to {@link Operators#onDiscard} (so to a
 * {@code doOnDiscard} downstream).
 */
record ReactorBridging(Context reactorContext) implements Bridging {

    @Override
    public void errorDropped(Throwable error) {
        Operators.onErrorDropped(error, reactorContext);
    }

    @Override
    public void elementDiscarded(Object element) {
        Operators.onDiscard(element, reactorContext);
    }
}
