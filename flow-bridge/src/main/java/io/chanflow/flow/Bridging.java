package io.chanflow.flow;

import io.chanflow.Task;

/**
 * What a bridge to a reactive library adds to one subscription made by this module's engine: where the signals the
 * rules no longer allow go (the {@link Undeliverable} half), how the subscription is presented to the subscriber,
 * and what surrounds the goroutines the engine runs for it. The Reactor bridge uses it to hand Reactor subscribers
 * a {@code Scannable} subscription and to restore the subscriber's {@code ThreadLocal} context inside the emitter
 * and the producer body; most code never needs it.
 *
 * <p>One instance serves one subscription; its methods are called by the engine, never concurrently with each other
 * for the same subscription, and must not block.
 */
public interface Bridging extends Undeliverable {

    /** The {@link Undeliverable#DEFAULT} hooks, the engine's own subscription and the goroutines as they are. */
    Bridging DEFAULT = of(Undeliverable.DEFAULT);

    /**
     * The object given to the subscriber's {@code onSubscribe}: {@code subscription} itself by default. A bridge may
     * return a wrapper that adds its library's introspection; the wrapper must forward {@code request} and
     * {@code cancel} unchanged, and implement both {@link java.util.concurrent.Flow.Subscription} and
     * {@link org.reactivestreams.Subscription}.
     */
    default BridgeSubscription present(BridgeSubscription subscription) {
        return subscription;
    }

    /**
     * The task a goroutine of this subscription runs (its emitter, a producer body, a value body): {@code task}
     * itself by default. A bridge may wrap it, for example to set and restore thread-local state around it.
     */
    default Task around(Task task) {
        return task;
    }

    /** The bridging that only routes what cannot be delivered to {@code undeliverable}. */
    static Bridging of(Undeliverable undeliverable) {
        java.util.Objects.requireNonNull(undeliverable, "undeliverable");
        if (undeliverable instanceof Bridging b) {
            return b;
        }
        return new Bridging() {
            @Override
            public void errorDropped(Throwable error) {
                undeliverable.errorDropped(error);
            }

            @Override
            public void elementDiscarded(Object element) {
                undeliverable.elementDiscarded(element);
            }
        };
    }
}
