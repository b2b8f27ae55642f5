package io.chanflow;

import io.chanflow.context.Context;

/** The body of a goroutine started with a {@link Context}: see {@link Go#go(Context, ContextTask)}. */
@FunctionalInterface
public interface ContextTask {
    void run(Context ctx) throws Exception;
}
