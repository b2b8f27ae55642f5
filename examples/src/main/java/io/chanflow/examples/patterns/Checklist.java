package io.chanflow.examples.patterns;

import io.chanflow.Channel;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.sync.ErrGroup;

import java.io.PrintStream;
import java.util.List;

/**
 * The tutorial's closing "Mental Checklist Before Writing Concurrent Code", applied to one small job: sum the word
 * lengths of a few lines, one goroutine per line.
 *
 * <pre>
 * 1. Can this be sequential?   2. What data is shared?   3. Who owns the data?
 * 4. How do goroutines stop?   5. What happens on failure?
 * </pre>
 */
public final class Checklist {

    private Checklist() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        List<String> lines = List.of("go is fun", "channels carry values", "contexts stop goroutines");

        // 1. Can this be sequential? Yes, and the sequential answer is what the concurrent one must match.
        int sequential = 0;
        for (String line : lines) {
            sequential += line.replace(" ", "").length();
        }
        out.println("sequential: " + sequential);

        // 2. What data is shared? Nothing: each goroutine reads its own line and sends its own count.
        // 3. Who owns the data? The sender owns a count until it sends it; then the receiver (this method) does.
        Channel<Integer> counts = Channel.make(lines.size());

        // 4. How do goroutines stop? Each sends once on a channel with room for every count, then returns;
        //    the context bounds them anyway, and try-with-resources cancels it on the way out.
        // 5. What happens on failure? The ErrGroup returns the first error and cancels the others' context.
        try (CancelContext ctx = Context.withCancel(Context.background())) {
            ErrGroup.WithContext group = ErrGroup.withContext(ctx);
            ErrGroup g = group.group();
            Context gctx = group.ctx();
            for (String line : lines) {
                g.go(() -> counts.send(gctx, line.replace(" ", "").length()));
            }
            Throwable failure = g.await();
            counts.close();
            out.println("failure: " + (failure == null ? "none" : failure));
        }
        int concurrent = 0;
        for (int n : counts) {
            concurrent += n;
        }
        out.println("concurrent: " + concurrent);
    }
}
