package io.chanflow.examples.patterns;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.ReceiveChannel;

import java.io.PrintStream;

/**
 * The tutorial's pipeline: {@code gen} → {@code sq} → print, each stage a goroutine that closes its output.
 *
 * <pre>{@code
 * func gen(nums ...int) <-chan int { out := make(chan int); go func() { for _, n := range nums { out <- n }; close(out) }(); return out }
 * func sq(in <-chan int) <-chan int { out := make(chan int); go func() { for n := range in { out <- n * n }; close(out) }(); return out }
 * for n := range sq(gen(1, 2, 3, 4)) { fmt.Println(n) }
 * }</pre>
 *
 * <p>Shows: closing travels downstream, so each {@code for} loop ends and every goroutine returns. Stages are
 * single goroutines, so the order is preserved.
 */
public final class Pipeline {

    private Pipeline() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    static ReceiveChannel<Integer> gen(int... nums) {
        Channel<Integer> out = Channel.make();
        Go.go(() -> {
            for (int n : nums) {
                out.send(n);
            }
            out.close();
        });
        return out;
    }

    static ReceiveChannel<Integer> sq(ReceiveChannel<Integer> in) {
        Channel<Integer> out = Channel.make();
        Go.go(() -> {
            for (int n : in) {
                out.send(n * n);
            }
            out.close();
        });
        return out;
    }

    public static void run(PrintStream out) throws Exception {
        for (int n : sq(gen(1, 2, 3, 4))) {
            out.println(n);
        }
        for (int n : sq(sq(gen(2, 3)))) {              // stages compose: x⁴
            out.println(n);
        }
    }
}
