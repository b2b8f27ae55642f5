package io.chanflow.examples.basics;

import io.chanflow.Go;
import io.chanflow.WaitGroup;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starting a goroutine, and waiting for it. Mirrors the tutorial's
 *
 * <pre>{@code
 * go say("world")
 * say("hello")        // main may return before "world" prints
 *
 * wg.Add(1)
 * go func() { defer wg.Done(); say("world") }()
 * wg.Wait()
 * }</pre>
 *
 * Shows that nothing waits for a goroutine unless you make it wait, and that a {@code WaitGroup} is how you do.
 */
public final class SayHello {

    private SayHello() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        // 1. Fire and forget. The goroutine runs "some time later": in Go, main returning here kills it, so "world"
        // may never print. Whether it has run yet is a race, so we keep its line aside and print only "hello".
        List<String> raced = new CopyOnWriteArrayList<>();
        Go.go(() -> raced.add("world"));
        say(out, "hello");

        // 2. The fix: a WaitGroup counts the goroutine in (go adds 1) and out (done when it returns); await blocks
        // until the count is back to zero, so "world" is certainly printed before we go on.
        WaitGroup wg = new WaitGroup();
        wg.go(() -> say(out, "world"));
        wg.await();
        say(out, "after wait: both said");
    }

    static void say(PrintStream out, String msg) {
        out.println(msg);
    }
}
