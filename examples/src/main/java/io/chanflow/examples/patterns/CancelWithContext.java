package io.chanflow.examples.patterns;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;

import java.io.PrintStream;

/**
 * Cancellation with {@code context.WithCancel}: an endless generator stops when its consumer has had enough.
 *
 * <pre>{@code
 * ctx, cancel := context.WithCancel(context.Background())
 * go func() { for n := 1; ; n++ { select { case <-ctx.Done(): return; case out <- n: } } }()
 * for n := range out { if n == 5 { cancel(); break } }
 * }</pre>
 *
 * <p>Shows: {@code out.send(ctx, n)} is Go's {@code select} on {@code ctx.Done()} and the send: cancelling
 * unblocks the generator, which closes its channel and returns, so nothing leaks.
 */
public final class CancelWithContext {

    private CancelWithContext() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Sends 1, 2, 3, ... until {@code ctx} is cancelled. */
    static ReceiveChannel<Integer> generate(Context ctx) {
        Channel<Integer> out = Channel.make();
        Go.go(ctx, c -> {
            try {
                for (int n = 1; ; n++) {
                    out.send(c, n);              // throws once c is cancelled
                }
            } finally {
                out.close();
            }
        });
        return out;
    }

    public static void run(PrintStream out) throws Exception {
        try (CancelContext ctx = Context.withCancel(Context.background())) {   // defer cancel()
            for (int n : generate(ctx)) {
                out.println(n);
                if (n == 5) {
                    break;
                }
            }
            ctx.cancel();
            ctx.done().receiveOrClosed();       // <-ctx.Done()
            out.println("cancelled: " + ctx.err().getMessage());
        }
    }
}
