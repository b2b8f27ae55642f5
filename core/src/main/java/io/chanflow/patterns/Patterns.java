package io.chanflow.patterns;

import io.chanflow.Channel;
import io.chanflow.ContextTask;
import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.Received;
import io.chanflow.Select;
import io.chanflow.SendChannel;
import io.chanflow.WaitGroup;
import io.chanflow.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The classic Go concurrency patterns, ready-made: generator, worker pool and pipeline stage (unordered and
 * order-preserving), fan-out, fan-in ({@link #merge}), {@link #orDone}, {@link #tee} and {@link #bridge}.
 *
 * <pre>{@code
 * try (CancelContext ctx = Context.withCancel(Context.background())) {
 *     ReceiveChannel<Integer> nums = Patterns.gen(ctx, 1, 2, 3, 4, 5);              // gen(1, 2, 3, 4, 5)
 *     ReceiveChannel<Integer> squares = Patterns.map(ctx, nums, 3, n -> n * n);  // sq, on 3 workers
 *     for (int s : squares) System.out.println(s);
 * }                                                                              // cancel(): nothing leaks
 * }</pre>
 *
 * <h2>The contract every pattern keeps</h2>
 * <ul>
 *   <li>Each takes a {@link Context} and starts its goroutines with it. Every send and receive those goroutines
 *       make is bounded by the context ({@code send(ctx, v)}, {@code receive(ctx)}), so cancelling it stops them
 *       all, wherever they are blocked: <b>a consumer that stops early cancels the context, and no goroutine
 *       leaks</b> (the tutorial's leak rule).</li>
 *   <li>Each output channel is closed by the pattern when its inputs are closed and drained, or when the context
 *       is cancelled; so {@code for (T v : out)} always ends.</li>
 *   <li>Each value is delivered exactly once (to each output, for {@link #tee}); after a cancellation, values in
 *       flight may be dropped, as in Go.</li>
 *   <li>A user function that throws an unchecked exception ends the goroutine that ran it; the exception is
 *       reported as that goroutine's failure ({@link Go#go}) and that worker's remaining share of the input is
 *       handled by the other workers. For work whose errors must stop the pipeline, use
 *       {@code io.chanflow.sync.ErrGroup}.</li>
 *   <li>Output channels are unbuffered unless a capacity is given: backpressure flows upstream, as in Go.</li>
 * </ul>
 */
public final class Patterns {

    /** A generator's body: sends its values on {@code out} (use {@code out.send(ctx, v)}). */
    @FunctionalInterface
    public interface Generator<T> {
        void generate(SendChannel<T> out) throws Exception;
    }

    /** A pipeline stage's function. It may block and be interrupted. */
    @FunctionalInterface
    public interface Fn<T, R> {
        R apply(T value) throws InterruptedException;
    }

    private Patterns() {
    }

    /** Starts a goroutine bound to {@code ctx} that closes {@code out} when it ends, however it ends. */
    private static void goClosing(Context ctx, SendChannel<?> out, ContextTask<Context> body) {
        Go.go(ctx, c -> {
            try {
                body.run(c);
            } finally {
                out.close();
            }
        });
    }

    /**
     * A generator: runs {@code body} in a goroutine that sends on a new channel of the given capacity, and closes
     * the channel when the body returns, throws, or ends because {@code ctx} was cancelled. The body should send
     * with {@code out.send(ctx, v)}: a plain {@code out.send(v)} is not bounded by the context, and would leave the
     * goroutine blocked if the consumer stops reading.
     */
    public static <T> ReceiveChannel<T> generate(Context ctx, int capacity, Generator<T> body) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(body, "body");
        Channel<T> out = Channel.make(capacity);
        goClosing(ctx, out, c -> body.generate(out));
        return out;
    }

    /**
     * A generator of the given values, in order: the tutorial's {@code gen(nums ...int) <-chan int}.
     */
    @SafeVarargs
    public static <T> ReceiveChannel<T> gen(Context ctx, T... values) {
        List<T> copy = List.of(values); // evaluated now, as Go evaluates its arguments
        return generate(ctx, 0, out -> {
            for (T v : copy) {
                out.send(ctx, v);
            }
        });
    }

    /**
     * Relays {@code in} until it is closed or {@code ctx} is done, then closes the returned channel: the "or-done"
     * idiom, which lets a consumer range over a channel it does not own and still stop on cancellation.
     */
    public static <T> ReceiveChannel<T> orDone(Context ctx, ReceiveChannel<T> in) {
        Objects.requireNonNull(in, "in");
        Channel<T> out = Channel.make();
        goClosing(ctx, out, c -> {
            for (;;) {
                Received<T> r = in.receiveOrClosed(c);
                if (r.isClosed()) {
                    return;
                }
                out.send(c, r.value());
            }
        });
        return out;
    }

    /**
     * Fan-in: forwards every value of every input to one output, closed when all inputs are closed and drained
     * (or {@code ctx} is done). Go's {@code merge(cs ...<-chan int) <-chan int}. Values of one input keep their
     * order; values of different inputs interleave.
     */
    public static <T> ReceiveChannel<T> merge(Context ctx, List<? extends ReceiveChannel<? extends T>> inputs) {
        Objects.requireNonNull(ctx, "ctx");
        List<ReceiveChannel<? extends T>> ins = List.copyOf(inputs);
        Channel<T> out = Channel.make();
        WaitGroup wg = new WaitGroup();
        wg.add(ins.size());
        for (ReceiveChannel<? extends T> in : ins) {
            Go.go(ctx, c -> {
                try {
                    forward(c, in, out);
                } finally {
                    wg.done();
                }
            });
        }
        Go.go(() -> { // closes out once every forwarder is done; they all end on cancellation too
            try {
                wg.await();
            } finally {
                out.close();
            }
        });
        return out;
    }

    private static <T> void forward(Context ctx, ReceiveChannel<? extends T> in, SendChannel<T> out)
            throws InterruptedException {
        for (;;) {
            Received<? extends T> r = in.receiveOrClosed(ctx);
            if (r.isClosed()) {
                return;
            }
            out.send(ctx, r.value());
        }
    }

    /**
     * Fan-out: {@code workers} goroutines share the input (each value goes to exactly one of them), each applies
     * {@code fn} and sends on its own output channel. Merge the outputs with {@link #merge}, or use {@link #map}
     * which does both.
     */
    public static <T, R> List<ReceiveChannel<R>> fanOut(Context ctx, ReceiveChannel<T> in, int workers,
            Fn<? super T, ? extends R> fn) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(fn, "fn");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        List<ReceiveChannel<R>> outs = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            Channel<R> out = Channel.make();
            outs.add(out);
            goClosing(ctx, out, c -> {
                for (;;) {
                    Received<T> r = in.receiveOrClosed(c);
                    if (r.isClosed()) {
                        return;
                    }
                    out.send(c, fn.apply(r.value()));
                }
            });
        }
        return outs;
    }

    /**
     * A pipeline stage on a worker pool: {@code workers} goroutines take values from {@code in}, apply {@code fn}
     * and send the results on one output channel, closed when {@code in} is closed and every worker is done (the
     * tutorial's worker pool with its clean shutdown). Results come in completion order; see {@link #mapOrdered}.
     */
    public static <T, R> ReceiveChannel<R> map(Context ctx, ReceiveChannel<T> in, int workers,
            Fn<? super T, ? extends R> fn) {
        return merge(ctx, fanOut(ctx, in, workers, fn));
    }

    /**
     * An order-preserving pipeline stage: like {@link #map}, {@code workers} goroutines apply {@code fn}
     * concurrently, but the results are sent in the order of the inputs. At most {@code workers} results wait to
     * be sent, so a slow value holds back at most that many faster ones.
     *
     * <p>How: a dispatcher hands each value to the workers together with a one-slot "promise" channel, and queues
     * the promise on an ordering channel of capacity {@code workers}; a collector takes the promises in order and
     * sends each result on as it is fulfilled.
     */
    public static <T, R> ReceiveChannel<R> mapOrdered(Context ctx, ReceiveChannel<T> in, int workers,
            Fn<? super T, ? extends R> fn) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(fn, "fn");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        record Job<T, R>(T value, Channel<R> promise) {
        }
        Channel<Job<T, R>> jobs = Channel.make();
        Channel<Channel<R>> order = Channel.make(workers);
        Channel<R> out = Channel.make();
        goClosing(ctx, jobs, c -> { // dispatcher
            try {
                for (;;) {
                    Received<T> r = in.receiveOrClosed(c);
                    if (r.isClosed()) {
                        return;
                    }
                    Channel<R> promise = Channel.make(1);
                    order.send(c, promise);
                    jobs.send(c, new Job<>(r.value(), promise));
                }
            } finally {
                order.close();
            }
        });
        for (int w = 0; w < workers; w++) {
            Go.go(ctx, c -> {
                for (;;) {
                    Received<Job<T, R>> r = jobs.receiveOrClosed(c);
                    if (r.isClosed()) {
                        return;
                    }
                    Channel<R> promise = r.value().promise();
                    try {
                        promise.send(fn.apply(r.value().value())); // capacity 1, sent once: never blocks
                    } catch (RuntimeException | Error | InterruptedException e) {
                        promise.close(); // the collector skips this value instead of waiting for it forever
                        throw e;
                    }
                }
            });
        }
        goClosing(ctx, out, c -> { // collector
            for (;;) {
                Received<Channel<R>> p = order.receiveOrClosed(c);
                if (p.isClosed()) {
                    return;
                }
                Received<R> result = p.value().receiveOrClosed(c);
                if (result.ok()) { // closed: its worker failed, and reported it
                    out.send(c, result.value());
                }
            }
        });
        return out;
    }

    /**
     * Tee: sends every value of {@code in} to each of {@code n} outputs (each output receives every value, in
     * order). A value is offered to all outputs at once and the next one is taken only when every output took
     * it, so the slowest consumer sets the pace. All outputs close when {@code in} is closed or {@code ctx} done.
     */
    public static <T> List<ReceiveChannel<T>> tee(Context ctx, ReceiveChannel<T> in, int n) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(in, "in");
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        List<Channel<T>> outs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            outs.add(Channel.make());
        }
        Go.go(ctx, c -> {
            try {
                for (;;) {
                    Received<T> r = in.receiveOrClosed(c);
                    if (r.isClosed()) {
                        return;
                    }
                    sendToAll(c, outs, r.value());
                }
            } finally {
                for (Channel<T> out : outs) {
                    out.close();
                }
            }
        });
        return List.copyOf(outs);
    }

    /** Sends {@code v} to every channel of {@code outs}, to whichever is ready first, until all have taken it. */
    private static <T> void sendToAll(Context ctx, List<Channel<T>> outs, T v) throws InterruptedException {
        List<Channel<T>> pending = new ArrayList<>(outs);
        while (!pending.isEmpty()) {
            Select.Returning<Channel<T>> s = Select.returning();
            for (Channel<T> out : pending) {
                s.send(out, v, () -> out);
            }
            Channel<T> took = s.receive(ctx.done(), x -> null).get();
            if (took == null) {
                throw ctx.err();
            }
            pending.remove(took);
        }
    }

    /**
     * Bridge: flattens a channel of channels into one channel, draining each inner channel in turn (in the order
     * they arrive) until the outer one is closed. The output closes then, or when {@code ctx} is done.
     */
    public static <T> ReceiveChannel<T> bridge(Context ctx,
            ReceiveChannel<? extends ReceiveChannel<? extends T>> channels) {
        Objects.requireNonNull(channels, "channels");
        Channel<T> out = Channel.make();
        goClosing(ctx, out, c -> {
            for (;;) {
                Received<? extends ReceiveChannel<? extends T>> r = channels.receiveOrClosed(c);
                if (r.isClosed()) {
                    return;
                }
                forward(c, r.value(), out);
            }
        });
        return out;
    }
}
