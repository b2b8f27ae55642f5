package io.chanflow.examples.basics;

import io.chanflow.Channel;
import io.chanflow.Go;
import java.io.PrintStream;

/**
 * An unbuffered channel synchronises: the sender waits for the receiver and the receiver for the sender. In Go,
 *
 * <pre>{@code
 * ch := make(chan int)
 * go func() { ch <- 10 }()
 * fmt.Println(<-ch)
 *
 * done := make(chan bool)
 * go worker(done)
 * <-done              // wait until the worker says it is finished
 * }</pre>
 */
public final class UnbufferedSync {

    private UnbufferedSync() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        // Send / receive: the hand-over happens only when both sides are there.
        Channel<Integer> ch = Channel.make();
        Go.go(() -> ch.send(10));
        out.println(ch.receive());

        // A channel as a "done" signal: main blocks on receive until the worker's send, so the worker's line
        // always comes first.
        Channel<Boolean> done = Channel.make();
        Go.go(() -> {
            out.println("worker: working");
            out.println("worker: done");
            done.send(true);
        });
        done.receive();
        out.println("main: worker finished");
    }
}
