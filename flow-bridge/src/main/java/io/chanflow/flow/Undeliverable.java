package io.chanflow.flow;

/**
 * Where a bridge sends what the Reactive Streams rules no longer let it signal: an error that arrives after the
 * subscription ended, and an element dropped because the subscription was cancelled. Reactor's bridge routes them to
 * {@code Operators.onErrorDropped} and the discard hook, RxJava's to {@code RxJavaPlugins.onError}; the plain Flow
 * bridge uses {@link #DEFAULT}.
 *
 * <p>Called from whichever goroutine made the loss (a producer body, a publisher's thread); must not block.
 */
public interface Undeliverable {

    /** Errors go to the calling thread's uncaught-exception handler; discarded elements are let go. */
    Undeliverable DEFAULT = new Undeliverable() {
        @Override
        public void errorDropped(Throwable error) {
            ReactiveRules.subscriberThrew(error);
        }

        @Override
        public void elementDiscarded(Object element) {
            // nothing holds it any more
        }
    };

    /**
     * An error nobody can receive: a producer body that failed after its subscriber cancelled, an {@code onError}
     * that reached a subscriber whose context was already cancelled, or a subscriber method that threw (§2.13).
     */
    void errorDropped(Throwable error);

    /**
     * An element dropped on cancel: buffered in a producer's channel when its subscriber cancelled, or signalled by a
     * publisher after the subscription was cancelled (§2.8 lets it).
     */
    void elementDiscarded(Object element);
}
