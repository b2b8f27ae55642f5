package io.chanflow.examples.bridges;

import io.chanflow.reactor.ReactorChannels;

import java.io.PrintStream;
import java.util.List;

/**
 * A Reactor pipeline consuming a Chanflow producer: plain blocking code sends on a channel, and Reactor operators
 * take it from there.
 *
 * <pre>{@code
 * out := make(chan int)
 * go func() { for i := 1; i <= 10; i++ { out <- i }; close(out) }()
 * }</pre>
 *
 * <p>Shows: {@code ReactorChannels.flux((ctx, out) -> ...)} runs the body in a goroutine per subscriber, and each
 * {@code out.send(ctx, v)} waits for Reactor's demand (backpressure). Returning completes the Flux. When the
 * subscriber has enough ({@code take(3)} on an endless producer), its cancel cancels {@code ctx}, the blocked send
 * throws, and the goroutine ends: nothing leaks.
 */
public final class ChannelToFlux {

    private ChannelToFlux() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        List<Integer> evenSquares = ReactorChannels.<Integer>flux((ctx, ch) -> {
                    for (int i = 1; i <= 10; i++) {
                        ch.send(ctx, i);                 // blocks until Reactor asks for more
                    }
                })                                       // returning completes the Flux
                .map(n -> n * n)
                .filter(n -> n % 2 == 0)
                .collectList()
                .block();
        out.println("even squares: " + evenSquares);

        List<Integer> firstThree = ReactorChannels.<Integer>flux((ctx, ch) -> {
                    for (int i = 1; ; i++) {
                        ch.send(ctx, i);                 // endless: stopped by the cancel from take(3)
                    }
                })
                .take(3)
                .collectList()
                .block();
        out.println("first three: " + firstThree);
    }
}
