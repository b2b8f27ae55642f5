package io.chanflow.examples.patterns;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.ReceiveChannel;

import java.io.PrintStream;

/**
 * The tutorial's goroutine leak, and its fix.
 *
 * <pre>{@code
 * go func() {
 *     ch <- work() // blocks forever if no receiver
 * }()
 * }</pre>
 *
 * <p>{@link #leaky()} starts a goroutine that sends its result on an unbuffered channel, and its caller never
 * receives: the goroutine stays parked on the send for ever. {@link #fixed()} gives the channel a buffer of one,
 * so the send completes whether or not anyone receives, and the goroutine ends. (A context works too: see
 * {@link CancelWithContext}.) Both return the channel, so that a test can see, and then undo, the leak.
 */
public final class GoroutineLeak {

    /** The name the leaking goroutine carries, so a leak report points at it. */
    public static final String LEAKY_NAME = "leaky-worker";

    private GoroutineLeak() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    static int work() {
        return 42;
    }

    /** Leaks: the caller gives up on the result, and the sender blocks for ever on the unbuffered channel. */
    public static ReceiveChannel<Integer> leaky() {
        Channel<Integer> ch = Channel.make();                // unbuffered: a send waits for a receiver
        Go.go(LEAKY_NAME, () -> ch.send(work()));
        return ch;
    }

    /** Does not leak: the buffer holds the result, so the send completes and the goroutine ends. */
    public static ReceiveChannel<Integer> fixed() {
        Channel<Integer> ch = Channel.make(1);               // room for the one result
        Go.go("fixed-worker", () -> ch.send(work()));
        return ch;
    }

    public static void run(PrintStream out) throws Exception {
        fixed();                                             // nobody receives, and that is fine
        out.println("fixed: the result waits in the buffer; the worker has returned");

        ReceiveChannel<Integer> ch = leaky();                // nobody receives: the worker is stuck...
        out.println("leaky: the worker is parked on its send");
        out.println("leaky: ...until someone receives " + ch.receive());  // ...so this program lets it go
    }
}
