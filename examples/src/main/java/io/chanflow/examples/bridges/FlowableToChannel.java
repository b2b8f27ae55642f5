package io.chanflow.examples.bridges;

import io.chanflow.ReceiveChannel;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.patterns.Patterns;
import io.chanflow.rxjava3.RxChannels;
import io.reactivex.rxjava3.core.Flowable;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A goroutine pipeline fed from an RxJava {@code Flowable} through a bounded channel.
 *
 * <pre>{@code
 * in := make(chan int, 16)               // fed by the Flowable
 * results := workerPool(ctx, in, 4, sq)  // for n := range in { results <- n * n }
 * for r := range results { ... }
 * }</pre>
 *
 * <p>Shows: {@code RxChannels.toChannel(ctx, flowable, 16)} requests at most 16 elements ahead of the workers
 * (backpressure from the channel into RxJava), closes the channel when the Flowable completes, and
 * {@code Patterns.map} runs four workers and closes their output when they are done. The results come in
 * completion order, so the program sorts them.
 */
public final class FlowableToChannel {

    private FlowableToChannel() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        try (CancelContext ctx = Context.withCancel(Context.background())) {
            ReceiveChannel<Integer> in = RxChannels.toChannel(ctx, Flowable.range(1, 10), 16);
            ReceiveChannel<Integer> squares = Patterns.map(ctx, in, 4, n -> n * n);

            List<Integer> results = new ArrayList<>();
            for (int s : squares) {                      // ends when the Flowable completes and the workers finish
                results.add(s);
            }
            Collections.sort(results);
            out.println("squares: " + results);
            out.println("sum: " + results.stream().mapToInt(Integer::intValue).sum());
        }
    }
}
