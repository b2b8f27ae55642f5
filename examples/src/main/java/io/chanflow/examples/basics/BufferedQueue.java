package io.chanflow.examples.basics;

import io.chanflow.Channel;
import java.io.PrintStream;

/**
 * A buffered channel is a queue: sends do not wait for a receiver until the buffer is full. In Go,
 *
 * <pre>{@code
 * ch := make(chan int, 3)
 * ch <- 1
 * ch <- 2
 * ch <- 3              // no receiver yet, and still no blocking
 * fmt.Println(len(ch), cap(ch))
 * }</pre>
 */
public final class BufferedQueue {

    private BufferedQueue() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        Channel<Integer> ch = Channel.make(3);
        ch.send(1);
        ch.send(2);
        ch.send(3); // all three fit: no goroutine needed on the other side
        out.println("len=" + ch.len() + " cap=" + ch.cap());

        // Full now: a fourth send would block, so try it without blocking.
        out.println("room for a 4th? " + ch.trySend(4));

        // First in, first out.
        out.println("received " + ch.receive());
        out.println("len=" + ch.len() + " cap=" + ch.cap());
        out.println("received " + ch.receive());
        out.println("received " + ch.receive());
        out.println("len=" + ch.len() + " cap=" + ch.cap());
    }
}
