package io.chanflow;

/**
 * The body of a goroutine started with a context: see {@link Go#go(Done, ContextTask)}. The type parameter is the
 * context's own type, so the body receives a {@code Context} (or a {@code CancelContext}, ...) as it was passed.
 *
 * @param <C> the context type
 */
@FunctionalInterface
public interface ContextTask<C extends Done> {
    void run(C ctx) throws Exception;
}
