package io.chanflow.rxjava3;

import io.chanflow.flow.Undeliverable;
import io.reactivex.rxjava3.functions.Consumer;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.Objects;

/**
 * RxJava's side of {@link Undeliverable}: an error nobody can receive goes to {@link RxJavaPlugins#onError}, as
 * RxJava's own operators do (it reaches the handler set with {@code RxJavaPlugins.setErrorHandler}, wrapped in an
 * {@code UndeliverableException} unless it is a bug-like exception RxJava passes as is). RxJava has no hook for
 * discarded elements, so an element dropped by a cancel is let go, unless the user gave one
 * ({@link #discardingTo}).
 */
final class RxUndeliverable implements Undeliverable {
    static final RxUndeliverable INSTANCE = new RxUndeliverable();

    private RxUndeliverable() {
    }

    @Override
    public void errorDropped(Throwable error) {
        RxJavaPlugins.onError(error);
    }

    @Override
    public void elementDiscarded(Object element) {
        // RxJava has no discard hook: nothing holds the element any more.
    }

    @Override
    public String toString() {
        return "RxJavaPlugins.onError";
    }

    /**
     * Errors to {@link RxJavaPlugins#onError}, discarded elements to {@code onDiscard}; what {@code onDiscard} throws
     * goes to {@link RxJavaPlugins#onError} too.
     */
    static <T> Undeliverable discardingTo(Consumer<? super T> onDiscard) {
        Objects.requireNonNull(onDiscard, "onDiscard");
        return new Undeliverable() {
            @Override
            public void errorDropped(Throwable error) {
                INSTANCE.errorDropped(error);
            }

            @Override
            @SuppressWarnings("unchecked") // the bridge discards only elements of the channel it publishes
            public void elementDiscarded(Object element) {
                try {
                    onDiscard.accept((T) element);
                } catch (Throwable t) {
                    INSTANCE.errorDropped(t);
                }
            }

            @Override
            public String toString() {
                return "RxJavaPlugins.onError, discarded elements to " + onDiscard;
            }
        };
    }
}
