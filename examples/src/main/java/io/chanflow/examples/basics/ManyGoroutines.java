package io.chanflow.examples.basics;

import io.chanflow.WaitGroup;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Goroutines are cheap: a hundred thousand of them is nothing. In Go,
 *
 * <pre>{@code
 * for i := 0; i < 100000; i++ {
 *     wg.Add(1)
 *     go func() { defer wg.Done(); count.Add(1) }()
 * }
 * wg.Wait()
 * }</pre>
 *
 * Each goroutine is a virtual thread, a few hundred bytes of heap rather than a megabyte of stack, so this runs in
 * well under a second.
 */
public final class ManyGoroutines {

    /** How many goroutines the program starts. */
    public static final int N = 100_000;

    private ManyGoroutines() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        WaitGroup wg = new WaitGroup();
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < N; i++) {
            wg.go(ran::incrementAndGet); // wg.go is wg.Add(1) + go func() { defer wg.Done(); ... }()
        }
        wg.await();
        out.println("goroutines started: " + N);
        out.println("goroutines ran: " + ran.get());
    }
}
