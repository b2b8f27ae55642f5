package io.chanflow.internal;

import io.chanflow.Done;
import io.chanflow.SendChannel;
import io.chanflow.ReceiveChannel;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * Channel operations bounded by a context ({@link Done}): Go's
 * {@code select { case ch <- v: case <-ctx.Done(): return ctx.Err() }} in one call, through the select engine.
 */
public final class ContextOps {
    /** The handler slot of an internal select: never invoked. */
    private static final Object NO_HANDLER = new Object();

    private ContextOps() {
    }

    /** Throws {@code ctx.err()} if the context is done. */
    private static void checkDone(Done ctx) {
        CancellationException err = Objects.requireNonNull(ctx, "ctx").err();
        if (err != null) {
            throw err;
        }
    }

    public static void send(SendChannel<?> ch, Done ctx, Object e) throws InterruptedException {
        Objects.requireNonNull(e, "send of null element: channels do not carry null");
        checkDone(ctx);
        SelectCases cases = new SelectCases();
        cases.addSend(ch, e, NO_HANDLER);
        cases.addReceive(ctx.done(), NO_HANDLER, false);
        if (Selector.select(cases) == 1) {
            throw ctx.err();
        }
    }

    /** Returns the element, {@link Signal#CLOSED} or a {@link Failure}. */
    public static Object receive(ReceiveChannel<?> ch, Done ctx) throws InterruptedException {
        checkDone(ctx);
        SelectCases cases = new SelectCases();
        cases.addReceive(ch, NO_HANDLER, false);
        cases.addReceive(ctx.done(), NO_HANDLER, false);
        if (Selector.select(cases) == 1) {
            throw ctx.err();
        }
        return cases.received;
    }
}
