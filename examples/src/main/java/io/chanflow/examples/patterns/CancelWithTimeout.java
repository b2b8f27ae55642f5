package io.chanflow.examples.patterns;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.Select;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Cancellation with {@code context.WithTimeout}: a slow operation is abandoned when its deadline passes.
 *
 * <pre>{@code
 * ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
 * defer cancel()
 * select {
 * case r := <-result: fmt.Println(r)
 * case <-ctx.Done(): fmt.Println(ctx.Err())   // context deadline exceeded
 * }
 * }</pre>
 *
 * <p>Shows: the deadline cancels the context by itself; the worker, waiting on something that never comes,
 * is bounded by the same context and returns, so it does not leak.
 */
public final class CancelWithTimeout {

    private CancelWithTimeout() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        Channel<String> never = Channel.make();              // nobody ever sends: a slow dependency
        Channel<String> result = Channel.make(1);

        try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(50))) {
            Go.go(ctx, c -> {
                String v = never.receive(c);         // throws DeadlineExceededException when c is done
                result.send(v);
            });

            Select.select()
                    .receive(result, r -> out.println("result: " + r))
                    .receiveOrClosed(ctx.done(), d -> out.println("timed out: " + ctx.err().getMessage()))
                    .run();
        }
    }
}
