package io.chanflow.rxjava3;

import io.chanflow.flow.Undeliverable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;

/**
 * RxJava's side of {@link Undeliverable}: an error nobody can receive goes to {@link RxJavaPlugins#onError}, as
 * RxJava's own operators do (it reaches the handler set with {@code RxJavaPlugins.setErrorHandler}, wrapped in an
 * {@code UndeliverableException} unless it is a bug-like exception RxJava passes as is). RxJava has no hook for
 * discarded elements, so an element dropped by a cancel is let go.
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
}
