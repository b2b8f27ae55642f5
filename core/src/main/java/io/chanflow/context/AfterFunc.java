package io.chanflow.context;

/** The registration made by {@link Context#afterFunc}: Go's returned {@code stop func() bool}. */
public sealed interface AfterFunc permits AfterFuncCtx {

    /**
     * Unregisters the function. Returns {@code true} if this call prevented it from running; {@code false} if it has
     * already been started (because the context was cancelled; stop does not wait for it to finish) or was stopped
     * before. Safe to call from any thread, any number of times.
     */
    boolean stop();
}
