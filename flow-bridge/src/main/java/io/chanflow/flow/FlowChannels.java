package io.chanflow.flow;

import io.chanflow.ReceiveChannel;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import java.util.concurrent.Flow;

/**
 * Channels to {@link Flow} and Reactive Streams, and back: the entry points of the bridge.
 *
 * <table>
 *   <caption>What each entry point makes</caption>
 *   <tr><th>you have</th><th>you want</th><th>call</th></tr>
 *   <tr><td>a {@code ReceiveChannel}</td><td>a publisher</td><td>{@link #publish(ReceiveChannel)},
 *       {@link #publish(CancelContext, ReceiveChannel)}</td></tr>
 *   <tr><td>blocking code that sends</td><td>a cold publisher</td><td>{@link #produce(Producer)},
 *       {@link #produce(int, Producer)}, {@link #produce(Context, int, Producer)}</td></tr>
 *   <tr><td>blocking code that computes one value</td><td>a cold publisher of at most one element</td>
 *       <td>{@link #value(Context, ValueProducer)}</td></tr>
 *   <tr><td>a {@code Flow.Publisher}, a {@code Flux}, a {@code Flowable}</td><td>a {@code ReceiveChannel}</td>
 *       <td>{@link #subscribe(Context, Flow.Publisher)}, {@link #subscribe(Context, Flow.Publisher, int)},
 *       {@link #subscribe(Context, org.reactivestreams.Publisher, int)}</td></tr>
 *   <tr><td>a reactive chain</td><td>a channel in its middle</td><td>{@link #processor(Context, int)}</td></tr>
 * </table>
 *
 * <p>Two rules define every bridge: <b>cancellation is {@code Context.done()}</b> (a subscriber's cancel cancels
 * the producer's context, and a cancelled context cancels the subscription) and <b>backpressure is channel
 * capacity</b> (what is requested upstream is bounded by the buffer, and a producer's {@code send} blocks while the
 * subscriber has no demand). All publishers and subscribers here pass the Reactive Streams TCK, for both the
 * {@code java.util.concurrent.Flow} and the {@code org.reactivestreams} interfaces.
 *
 * <pre>{@code
 * // blocking code as a publisher: one goroutine per subscriber, send blocks without demand
 * ChannelPublisher<String> lines = FlowChannels.produce((ctx, out) -> {
 *     for (String line : readLines()) {
 *         out.send(line);
 *     }
 * });
 * Flux<String> flux = Flux.from(lines);
 *
 * // any publisher as a channel of capacity 64: 64 requested up front, 48 more each time 48 were received
 * ReceiveChannel<Event> events = FlowChannels.subscribe(ctx, flux, 64);
 * for (Event e : events) { ... }
 * }</pre>
 */
public final class FlowChannels {
    private FlowChannels() {
    }

    /**
     * A unicast publisher of {@code channel}'s elements, with a private context: a subscriber's cancel stops the
     * receiving. See {@link ChannelPublisher} for the contract.
     */
    public static <T> ChannelPublisher<T> publish(ReceiveChannel<? extends T> channel) {
        return ChannelPublisher.ofChannel(channel, null, Undeliverable.DEFAULT);
    }

    /**
     * A unicast publisher of {@code channel}'s elements whose cancellation is {@code ctx}'s: a subscriber's cancel
     * cancels {@code ctx} (so the goroutines feeding the channel, watching {@code ctx.done()}, stop), and {@code ctx}
     * being cancelled otherwise ends the subscription with {@code onError(Context.cause(ctx))}.
     */
    public static <T> ChannelPublisher<T> publish(CancelContext ctx, ReceiveChannel<? extends T> channel) {
        return ChannelPublisher.ofChannel(channel, java.util.Objects.requireNonNull(ctx, "ctx"),
                Undeliverable.DEFAULT);
    }

    /**
     * {@link #publish(CancelContext, ReceiveChannel)} (or, for a {@code null} {@code ctx},
     * {@link #publish(ReceiveChannel)}) that reports what it cannot deliver — a subscriber method that threw
     * (§2.13) — to {@code undeliverable}. For bridges to libraries with their own hooks (Reactor, RxJava).
     */
    public static <T> ChannelPublisher<T> publish(CancelContext ctx, ReceiveChannel<? extends T> channel,
                                                  Undeliverable undeliverable) {
        return ChannelPublisher.ofChannel(channel, ctx, java.util.Objects.requireNonNull(undeliverable,
                "undeliverable"));
    }

    /**
     * A cold publisher whose elements {@code body} sends on an unbuffered channel: each send waits for the
     * subscriber's demand. Same as {@code produce(Context.background(), 0, body)}.
     */
    public static <T> ChannelPublisher<T> produce(Producer<T> body) {
        return produce(Context.background(), 0, body);
    }

    /** A cold publisher whose elements {@code body} sends on a channel of {@code capacity}. */
    public static <T> ChannelPublisher<T> produce(int capacity, Producer<T> body) {
        return produce(Context.background(), capacity, body);
    }

    /**
     * A cold publisher: for each subscriber, {@code body} runs in a new goroutine with a context derived from
     * {@code parent} and a fresh channel of {@code capacity} elements (0: unbuffered, each send waits for demand;
     * C: up to C elements are produced ahead of demand). See {@link Producer} for the body's contract.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public static <T> ChannelPublisher<T> produce(Context parent, int capacity, Producer<T> body) {
        return ChannelPublisher.ofProducer(parent, capacity, body, Undeliverable.DEFAULT);
    }

    /**
     * {@link #produce(Context, int, Producer)} that reports what it cannot deliver — a body failing after its
     * subscriber cancelled, elements left in the channel by a cancel, a throwing subscriber — to
     * {@code undeliverable}. For bridges to libraries with their own hooks (Reactor, RxJava).
     */
    public static <T> ChannelPublisher<T> produce(Context parent, int capacity, Undeliverable undeliverable,
                                                  Producer<T> body) {
        return ChannelPublisher.ofProducer(parent, capacity, body, undeliverable);
    }

    /**
     * A cold publisher of what {@code body} computes: for each subscriber, {@code body} runs in a new goroutine with a
     * context derived from {@code parent}; a value is signalled once requested, then {@code onComplete}; {@code null}
     * completes empty; a throw is {@code onError}. See {@link ValuePublisher}.
     */
    public static <T> ValuePublisher<T> value(Context parent, ValueProducer<? extends T> body) {
        return new ValuePublisher<>(parent, body, Undeliverable.DEFAULT);
    }

    /**
     * {@link #value(Context, ValueProducer)} that reports what it cannot deliver to {@code undeliverable}. For bridges
     * to libraries with their own hooks.
     */
    public static <T> ValuePublisher<T> value(Context parent, Undeliverable undeliverable,
                                              ValueProducer<? extends T> body) {
        return new ValuePublisher<>(parent, body, undeliverable);
    }

    /**
     * {@link #subscribe(Context, Flow.Publisher, int)} with the capacity of {@link Flow#defaultBufferSize()} (256),
     * the JDK's default for a {@code Flow} buffer.
     */
    public static <T> ReceiveChannel<T> subscribe(Context ctx, Flow.Publisher<? extends T> publisher) {
        return subscribe(ctx, publisher, Flow.defaultBufferSize());
    }

    /**
     * Subscribes to {@code publisher} and returns the channel its elements arrive on (capacity {@code capacity}),
     * cancelled when {@code ctx} is done. See {@link ChannelSubscriber} for the contract.
     */
    public static <T> ReceiveChannel<T> subscribe(Context ctx, Flow.Publisher<? extends T> publisher, int capacity) {
        ChannelSubscriber<T> s = new ChannelSubscriber<>(ctx, capacity);
        ReactiveRules.requireNonNull(publisher, "publisher").subscribe(s);
        return s.channel();
    }

    /** {@link #subscribe(Context, Flow.Publisher, int)} for an {@code org.reactivestreams.Publisher}: a
     *  {@code Flux}, a {@code Flowable}. */
    public static <T> ReceiveChannel<T> subscribe(Context ctx, org.reactivestreams.Publisher<? extends T> publisher,
                                                  int capacity) {
        ChannelSubscriber<T> s = new ChannelSubscriber<>(ctx, capacity);
        ReactiveRules.requireNonNull(publisher, "publisher").subscribe(s);
        return s.channel();
    }

    /** {@link #subscribe(Context, Flow.Publisher, int)} for a {@link ChannelPublisher}, which is both kinds. */
    public static <T> ReceiveChannel<T> subscribe(Context ctx, ChannelPublisher<? extends T> publisher, int capacity) {
        return subscribe(ctx, (Flow.Publisher<? extends T>) publisher, capacity);
    }

    /**
     * A processor with a channel of {@code capacity} elements in the middle, whose context derives from
     * {@code parent}. See {@link ChannelProcessor}.
     */
    public static <T> ChannelProcessor<T> processor(Context parent, int capacity) {
        return new ChannelProcessor<>(java.util.Objects.requireNonNull(parent, "parent"), capacity);
    }
}
