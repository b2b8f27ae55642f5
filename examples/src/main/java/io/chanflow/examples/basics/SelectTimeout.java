package io.chanflow.examples.basics;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.Select;
import io.chanflow.time.Time;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Waiting for a result, but not for ever. In Go,
 *
 * <pre>{@code
 * select {
 * case res := <-ch:                    fmt.Println(res)
 * case <-time.After(2 * time.Second): fmt.Println("timeout")
 * }
 * }</pre>
 *
 * {@code Time.after(d)} is a channel that receives once, after {@code d}: a case like any other.
 */
public final class SelectTimeout {

    private SelectTimeout() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        // A worker that answers at once: the result wins (2 s is a very long time for it).
        Channel<String> fast = Channel.make(1); // buffered, so the worker never blocks if nobody receives
        Go.go(() -> fast.send("result"));
        await(out, fast, Duration.ofSeconds(2));

        // A worker that never answers: the timer channel becomes ready after 50 ms and wins.
        Channel<String> silent = Channel.make(1);
        await(out, silent, Duration.ofMillis(50));
    }

    static void await(PrintStream out, Channel<String> ch, Duration timeout) throws InterruptedException {
        Select.select()
                .receive(ch, res -> out.println(res))
                .receive(Time.after(timeout), t -> out.println("timeout"))
                .run();
    }
}
