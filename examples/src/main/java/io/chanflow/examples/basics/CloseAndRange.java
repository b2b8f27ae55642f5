package io.chanflow.examples.basics;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.Received;
import java.io.PrintStream;

/**
 * Closing a channel, ranging over it, and telling a value from closure. In Go,
 *
 * <pre>{@code
 * close(ch)                 // only the sender closes
 * for v := range ch { ... } // ends when ch is closed and drained
 * v, ok := <-ch             // ok is false once ch is closed and drained
 * }</pre>
 *
 * In Java, {@code for (v : ch)} is the range loop and {@code receiveOrClosed()} is {@code v, ok := <-ch}.
 */
public final class CloseAndRange {

    private CloseAndRange() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        // The sender sends three values, then closes: "no more are coming".
        Channel<Integer> ch = Channel.make();
        Go.go(() -> {
            for (int i = 1; i <= 3; i++) {
                ch.send(i);
            }
            ch.close();
        });
        for (int v : ch) { // for v := range ch
            out.println("range got " + v);
        }
        out.println("range ended: channel closed");

        // v, ok := <-ch : values still buffered come out first, ok; then closure, not ok, every time after.
        Channel<String> buf = Channel.make(2);
        buf.send("a");
        buf.close(); // closed, but "a" is still in the buffer
        for (int i = 0; i < 2; i++) {
            Received<String> r = buf.receiveOrClosed();
            if (r.ok()) {
                out.println("ok=true v=" + r.value());
            } else {
                out.println("ok=false (closed)");
            }
        }
    }
}
