package io.chanflow.examples.basics;

import io.chanflow.Channel;
import io.chanflow.Select;
import java.io.PrintStream;

/**
 * {@code select} with a {@code default} never blocks: if no case is ready, the default runs. In Go,
 *
 * <pre>{@code
 * select {
 * case v := <-ch1: fmt.Println(v)
 * case ch2 <- 10:  fmt.Println("sent")
 * default:         fmt.Println("nothing ready")
 * }
 * }</pre>
 *
 * Chanflow spells {@code default} as {@code otherwise} ({@code default} is a Java keyword).
 */
public final class SelectDefault {

    private SelectDefault() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        Channel<Integer> ch1 = Channel.make(1);
        Channel<Integer> ch2 = Channel.make(1);

        // ch1 is empty and ch2's buffer is full: neither case can go, so the default runs at once.
        ch2.send(0);
        pick(out, ch1, ch2);

        // Make ch1 ready (ch2 still full): only the receive can go.
        ch1.send(7);
        pick(out, ch1, ch2);

        // ch1 empty again; empty ch2's buffer: only the send can go.
        ch2.receive();
        pick(out, ch1, ch2);
        out.println("ch2 now holds " + ch2.receive());
    }

    static void pick(PrintStream out, Channel<Integer> ch1, Channel<Integer> ch2) throws InterruptedException {
        Select.select()
                .receive(ch1, v -> out.println("received " + v))
                .send(ch2, 10, () -> out.println("sent"))
                .otherwise(() -> out.println("nothing ready"))
                .run();
    }
}
