package io.chanflow.reactor;

import io.chanflow.ReceiveChannel;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.flow.Await;
import io.chanflow.flow.FlowChannels;
import io.chanflow.flow.Producer;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.reactivestreams.Publisher;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.concurrent.Queues;
import reactor.util.context.ContextView;

/**
 * Channels as {@link Flux} and {@link Mono}, and back: the Reactor bridge's entry points. Built on the Flow bridge's
 * engine ({@link FlowChannels}), so the same two rules hold: <b>cancellation is {@code Context.done()}</b> and
 * <b>backpressure is channel capacity</b>.
 *
 * <table>
 *   <caption>What each entry point makes</caption>
 *   <tr><th>you have</th><th>you want</th><th>call</th></tr>
 *   <tr><td>a {@code ReceiveChannel}</td><td>a unicast {@code Flux}</td><td>{@link #flux(ReceiveChannel)},
 *       {@link #flux(CancelContext, ReceiveChannel)}</td></tr>
 *   <tr><td>blocking code that sends</td><td>a cold {@code Flux}</td><td>{@link #flux(Producer)},
 *       {@link #flux(int, Producer)}, {@link #flux(Context, int, Producer)}</td></tr>
 *   <tr><td>blocking code that returns a value</td><td>a cold {@code Mono}</td><td>{@link #mono(MonoProducer)},
 *       {@link #mono(Context, MonoProducer)}</td></tr>
 *   <tr><td>a {@code Flux}, any {@code Publisher}</td><td>a {@code ReceiveChannel}</td>
 *       <td>{@link #toChannel(Context, Publisher, int, Context.Key[])}</td></tr>
 *   <tr><td>a {@code Mono}, a {@code Flux}</td><td>its value(s), in a goroutine</td><td>{@link #awaitSingle},
 *       {@link #awaitSingleOrNull}, {@link #awaitOptional}, {@link #awaitFirst}, {@link #awaitLast},
 *       {@link #awaitList}</td></tr>
 * </table>
 *
 * <h2>Signals and threads</h2>
 * The Fluxes and Monos made here subscribe their subscriber to the Flow bridge's publisher directly: every signal
 * comes from that subscription's emitter goroutine (a virtual thread), with no extra hop through a Reactor scheduler.
 *
 * <h2>Reactor context ⇄ Chanflow context</h2>
 * <ul>
 *   <li><b>Reactor → Chanflow</b> (a {@code flux}/{@code mono} builder's body): the body's context derives from the
 *       builder's parent and holds the subscriber's Reactor context under {@link #REACTOR_CONTEXT}; in addition each
 *       Reactor context entry whose key is a Chanflow {@link Context.Key} is bound to that key, so
 *       {@code ctx.value(KEY)} reads it directly.</li>
 *   <li><b>Chanflow → Reactor</b> (Chanflow code subscribing: {@link #toChannel}, the awaits,
 *       {@link ReactorChannelSubscriber}): the subscriber's {@code currentContext()} is
 *       {@link #reactorContext(Context, Context.Key[])}: the entries of {@code ctx.value(REACTOR_CONTEXT)} if the
 *       context holds one (a body's context does: the outer subscriber's Reactor context flows on), plus, for each
 *       given key with a non-null value, an entry whose key is the {@code Context.Key} itself.</li>
 * </ul>
 *
 * <h2>What cannot be delivered</h2>
 * An error that arrives after the subscription was cancelled goes to {@code Operators.onErrorDropped} (so to
 * {@code Hooks.onErrorDropped}); elements dropped by a cancel (produced ahead of demand into a builder's buffer, or
 * signalled to a subscriber after its cancel) go to {@code Operators.onDiscard} (so to a {@code doOnDiscard}
 * downstream) — both with the subscriber's Reactor context.
 *
 * <h2>Introspection, assembly, ThreadLocals</h2>
 * <ul>
 *   <li>The Fluxes and Monos made here, and the subscriptions they hand out, are {@code Scannable}:
 *       {@code BUFFERED} is the channel's {@code len}, {@code PREFETCH} its capacity, {@code RUN_STYLE}
 *       {@code ASYNC}; a subscription also reports {@code PARENT} (its Flux or Mono), {@code ACTUAL},
 *       {@code CANCELLED}, {@code TERMINATED} and {@code REQUESTED_FROM_DOWNSTREAM}. Their names say which channel
 *       they read.</li>
 *   <li>Every source is created through {@code Flux.onAssembly}/{@code Mono.onAssembly}: assembly hooks
 *       ({@code Hooks.onEachOperator}, {@code Hooks.onOperatorDebug()}) see it.</li>
 *   <li>With {@code io.micrometer:context-propagation} on the class path (an optional dependency) and
 *       {@code Hooks.enableAutomaticContextPropagation()}, the goroutines run for a subscriber (a body, the emitter
 *       that calls {@code onNext}) run with the {@code ThreadLocal}s registered in its {@code ContextRegistry} set
 *       from the subscriber's Reactor context.</li>
 * </ul>
 */
public final class ReactorChannels {
    /**
     * The key under which a {@code flux}/{@code mono} body's context holds its subscriber's Reactor
     * {@link ContextView}; also read by {@link #reactorContext} to carry that view on when Chanflow code subscribes.
     */
    public static final Context.Key<ContextView> REACTOR_CONTEXT = Context.Key.of("reactor.context");

    private ReactorChannels() {
    }

    // ---------------------------------------------------------------- channel → Flux

    /**
     * A unicast Flux of {@code channel}'s elements with a private context: a subscriber's cancel stops the receiving.
     * Requests bound what is received from the channel; the channel's close is {@code onComplete}, a close with a
     * cause is {@code onError}. A second subscriber while one is active gets {@code onError(IllegalStateException)}.
     * See {@link io.chanflow.flow.ChannelPublisher} for the full contract.
     */
    public static <T> Flux<T> flux(ReceiveChannel<? extends T> channel) {
        return ChannelFlux.of(FlowChannels.publish(channel));
    }

    /**
     * {@link #flux(ReceiveChannel)} whose cancellation is {@code ctx}'s: a subscriber's cancel cancels {@code ctx}
     * (so the goroutines feeding the channel stop), and {@code ctx} being cancelled otherwise ends the Flux with
     * {@code onError(Context.cause(ctx))}.
     */
    public static <T> Flux<T> flux(CancelContext ctx, ReceiveChannel<? extends T> channel) {
        return ChannelFlux.of(FlowChannels.publish(Objects.requireNonNull(ctx, "ctx"), channel));
    }

    // ---------------------------------------------------------------- builders

    /** A cold Flux whose elements {@code body} sends on an unbuffered channel: {@code flux(background(), 0, body)}. */
    public static <T> Flux<T> flux(Producer<T> body) {
        return flux(Context.background(), 0, body);
    }

    /** A cold Flux whose elements {@code body} sends on a channel of {@code capacity}. */
    public static <T> Flux<T> flux(int capacity, Producer<T> body) {
        return flux(Context.background(), capacity, body);
    }

    /**
     * A cold Flux: for each subscriber, {@code body} runs in a new goroutine with a context derived from
     * {@code parent} (and carrying the subscriber's Reactor context, see the class javadoc) and sends on a fresh
     * channel of {@code capacity} ({@code out.send} blocks while the subscriber has no demand and the buffer is
     * full). Returning completes, throwing fails; a cancel cancels the body's context and wakes a blocked send with
     * a {@link CancellationException}. See {@link Producer}.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public static <T> Flux<T> flux(Context parent, int capacity, Producer<T> body) {
        Objects.requireNonNull(parent, "parent context");
        Objects.requireNonNull(body, "producer body");
        if (capacity < 0) {
            throw new IllegalArgumentException("negative capacity " + capacity);
        }
        return ProducerFlux.of(parent, capacity, body);
    }

    /** A cold Mono of what {@code body} returns: {@code mono(Context.background(), body)}. */
    public static <T> Mono<T> mono(MonoProducer<T> body) {
        return mono(Context.background(), body);
    }

    /**
     * A cold Mono: for each subscriber, {@code body} runs in a new goroutine with a context derived from
     * {@code parent}, carrying the subscriber's Reactor context. A value is signalled (when requested) then
     * {@code onComplete}; {@code null} completes empty; a throw is {@code onError}. See {@link MonoProducer}.
     */
    public static <T> Mono<T> mono(Context parent, MonoProducer<T> body) {
        return ProducerMono.of(Objects.requireNonNull(parent, "parent context"),
                Objects.requireNonNull(body, "mono body"));
    }

    // ---------------------------------------------------------------- Publisher → channel

    /**
     * Subscribes a {@link ReactorChannelSubscriber} to {@code publisher} and returns its channel, of capacity
     * {@code capacity}: {@code max(capacity, 1)} is requested up front, then 75 % of it again each time that many
     * were received. Cancelling {@code ctx} cancels the subscription and fails the channel with
     * {@code Context.cause(ctx)} after the buffered elements. The subscriber's Reactor context carries {@code ctx}'s
     * values for {@code keys} (and its {@link #REACTOR_CONTEXT} view).
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public static <T> ReceiveChannel<T> toChannel(Context ctx, Publisher<? extends T> publisher, int capacity,
                                                  Context.Key<?>... keys) {
        Objects.requireNonNull(publisher, "publisher");
        ReactorChannelSubscriber<T> s = new ReactorChannelSubscriber<>(ctx, capacity, keys);
        publisher.subscribe(s);
        return s.channel();
    }

    /**
     * {@link #toChannel(Context, Publisher, int, Context.Key[])} with Reactor's default prefetch,
     * {@link Queues#SMALL_BUFFER_SIZE} (256 unless the {@code reactor.bufferSize.small} property says otherwise), as
     * the capacity.
     */
    public static <T> ReceiveChannel<T> toChannel(Context ctx, Publisher<? extends T> publisher,
                                                  Context.Key<?>... keys) {
        return toChannel(ctx, publisher, Queues.SMALL_BUFFER_SIZE, keys);
    }

    // ---------------------------------------------------------------- awaits

    /*
     * Every await is the Flow bridge's engine (io.chanflow.flow.Await) in Reactor's dialect: it requests exactly what
     * it needs (first: 1, single: 2, last and list: unbounded, as blockLast and collectList do), subscribes with the
     * Reactor context of `keys`, and maps what it finds to Reactor's exceptions. A Duration bounds the wait with a
     * context deadline: when it passes first, the subscription is cancelled and Context.DEADLINE_EXCEEDED is thrown.
     */

    /**
     * Subscribes, requests 2 and blocks until {@code publisher}'s only element arrives and it completes; returns the
     * element.
     *
     * @throws NoSuchElementException if it completed empty
     * @throws IndexOutOfBoundsException if it signalled more than one element (the subscription is then cancelled)
     * @throws CancellationException {@code ctx.err()} if {@code ctx} was cancelled first (the subscription is then
     *         cancelled; nothing is subscribed if it was done on entry)
     * @throws RuntimeException the publisher's error (a checked one wrapped by {@link Exceptions#propagate})
     * @throws InterruptedException if interrupted while waiting (the subscription is then cancelled)
     */
    public static <T> T awaitSingle(Context ctx, Publisher<? extends T> publisher, Context.Key<?>... keys)
            throws InterruptedException {
        return Await.single(ctx, publisher, dialect(ctx, keys));
    }

    /** {@link #awaitSingle(Context, Publisher, Context.Key[])} that waits at most {@code timeout}. */
    public static <T> T awaitSingle(Context ctx, Publisher<? extends T> publisher, Duration timeout,
                                    Context.Key<?>... keys) throws InterruptedException {
        try (CancelContext bounded = Context.withTimeout(ctx, timeout)) {
            return Await.single(bounded, publisher, dialect(ctx, keys));
        }
    }

    /**
     * {@link #awaitSingle} that returns {@code null} for a publisher that completed empty. Same exceptions
     * otherwise.
     */
    public static <T> T awaitSingleOrNull(Context ctx, Publisher<? extends T> publisher, Context.Key<?>... keys)
            throws InterruptedException {
        return Await.singleOrElse(ctx, publisher, null, dialect(ctx, keys));
    }

    /** {@link #awaitSingleOrNull(Context, Publisher, Context.Key[])} that waits at most {@code timeout}. */
    public static <T> T awaitSingleOrNull(Context ctx, Publisher<? extends T> publisher, Duration timeout,
                                          Context.Key<?>... keys) throws InterruptedException {
        try (CancelContext bounded = Context.withTimeout(ctx, timeout)) {
            return Await.singleOrElse(bounded, publisher, null, dialect(ctx, keys));
        }
    }

    /** {@link #awaitSingleOrNull} as an {@link Optional}: empty for a publisher that completed empty. */
    public static <T> Optional<T> awaitOptional(Context ctx, Publisher<? extends T> publisher, Context.Key<?>... keys)
            throws InterruptedException {
        return Optional.ofNullable(awaitSingleOrNull(ctx, publisher, keys));
    }

    /**
     * Subscribes, requests exactly 1, blocks until it arrives, cancels the subscription and returns the element.
     *
     * @throws NoSuchElementException if it completed empty
     * @throws CancellationException {@code ctx.err()} if {@code ctx} was cancelled first
     * @throws RuntimeException the publisher's error (a checked one wrapped by {@link Exceptions#propagate})
     * @throws InterruptedException if interrupted while waiting
     */
    public static <T> T awaitFirst(Context ctx, Publisher<? extends T> publisher, Context.Key<?>... keys)
            throws InterruptedException {
        return Await.first(ctx, publisher, dialect(ctx, keys));
    }

    /** {@link #awaitFirst(Context, Publisher, Context.Key[])} that waits at most {@code timeout}. */
    public static <T> T awaitFirst(Context ctx, Publisher<? extends T> publisher, Duration timeout,
                                   Context.Key<?>... keys) throws InterruptedException {
        try (CancelContext bounded = Context.withTimeout(ctx, timeout)) {
            return Await.first(bounded, publisher, dialect(ctx, keys));
        }
    }

    /** {@link #awaitFirst} that returns {@code null} for a publisher that completed empty. */
    public static <T> T awaitFirstOrNull(Context ctx, Publisher<? extends T> publisher, Context.Key<?>... keys)
            throws InterruptedException {
        return Await.firstOrElse(ctx, publisher, null, dialect(ctx, keys));
    }

    /** {@link #awaitFirstOrNull(Context, Publisher, Context.Key[])} that waits at most {@code timeout}. */
    public static <T> T awaitFirstOrNull(Context ctx, Publisher<? extends T> publisher, Duration timeout,
                                         Context.Key<?>... keys) throws InterruptedException {
        try (CancelContext bounded = Context.withTimeout(ctx, timeout)) {
            return Await.firstOrElse(bounded, publisher, null, dialect(ctx, keys));
        }
    }

    /** {@link #awaitFirst} that returns {@code defaultValue} for a publisher that completed empty. */
    public static <T> T awaitFirstOrDefault(Context ctx, Publisher<? extends T> publisher, T defaultValue,
                                            Context.Key<?>... keys) throws InterruptedException {
        return Await.firstOrElse(ctx, publisher, Objects.requireNonNull(defaultValue, "defaultValue"),
                dialect(ctx, keys));
    }

    /**
     * Subscribes, requests everything, receives every element until completion and returns the last.
     *
     * @throws NoSuchElementException if it completed empty
     * @throws CancellationException {@code ctx.err()} if {@code ctx} was cancelled first
     * @throws RuntimeException the publisher's error (a checked one wrapped by {@link Exceptions#propagate})
     * @throws InterruptedException if interrupted while waiting
     */
    public static <T> T awaitLast(Context ctx, Publisher<? extends T> publisher, Context.Key<?>... keys)
            throws InterruptedException {
        return Await.last(ctx, publisher, dialect(ctx, keys));
    }

    /** {@link #awaitLast(Context, Publisher, Context.Key[])} that waits at most {@code timeout}. */
    public static <T> T awaitLast(Context ctx, Publisher<? extends T> publisher, Duration timeout,
                                  Context.Key<?>... keys) throws InterruptedException {
        try (CancelContext bounded = Context.withTimeout(ctx, timeout)) {
            return Await.last(bounded, publisher, dialect(ctx, keys));
        }
    }

    /**
     * Subscribes, requests everything and returns every element, in order, once the publisher completed.
     *
     * @throws CancellationException {@code ctx.err()} if {@code ctx} was cancelled first
     * @throws RuntimeException the publisher's error (a checked one wrapped by {@link Exceptions#propagate})
     * @throws InterruptedException if interrupted while waiting
     */
    public static <T> List<T> awaitList(Context ctx, Publisher<? extends T> publisher, Context.Key<?>... keys)
            throws InterruptedException {
        return Await.list(ctx, publisher, dialect(ctx, keys));
    }

    /** {@link #awaitList(Context, Publisher, Context.Key[])} that waits at most {@code timeout}. */
    public static <T> List<T> awaitList(Context ctx, Publisher<? extends T> publisher, Duration timeout,
                                        Context.Key<?>... keys) throws InterruptedException {
        try (CancelContext bounded = Context.withTimeout(ctx, timeout)) {
            return Await.list(bounded, publisher, dialect(ctx, keys));
        }
    }

    /** Reactor's terms for the await engine, subscribing with the Reactor context of {@code ctx} and {@code keys}. */
    private static Await.Dialect dialect(Context ctx, Context.Key<?>... keys) {
        return new ReactorDialect(reactorContext(ctx, keys));
    }

    // ---------------------------------------------------------------- context mapping

    /**
     * The Reactor context Chanflow code subscribes with: the entries of {@code ctx.value(REACTOR_CONTEXT)} (none if
     * absent), then, for each of {@code keys} whose value in {@code ctx} is non-null, an entry with the
     * {@code Context.Key} itself as key. A {@code flux}/{@code mono} body subscribed with such a context reads those
     * entries back with {@code ctx.value(key)}.
     */
    public static reactor.util.context.Context reactorContext(Context ctx, Context.Key<?>... keys) {
        Objects.requireNonNull(ctx, "ctx");
        ContextView view = ctx.value(REACTOR_CONTEXT);
        reactor.util.context.Context rc = view == null
                ? reactor.util.context.Context.empty() : reactor.util.context.Context.of(view);
        for (Context.Key<?> key : keys) {
            Object value = ctx.value(Objects.requireNonNull(key, "key"));
            if (value != null) {
                rc = rc.put(key, value);
            }
        }
        return rc;
    }

    /**
     * The context a {@code flux}/{@code mono} body gets for a subscriber whose Reactor context is {@code view}: a
     * child of {@code parent} holding {@code view} under {@link #REACTOR_CONTEXT} and, for each of its entries whose
     * key is a Chanflow {@link Context.Key}, that value bound to that key.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Context withReactorContext(Context parent, ContextView view) {
        Context ctx = Context.withValue(parent, REACTOR_CONTEXT, view);
        if (view.isEmpty()) {
            return ctx;
        }
        Context[] bound = {ctx};
        view.forEach((k, v) -> {
            if (k instanceof Context.Key key) {
                bound[0] = Context.withValue(bound[0], key, v);
            }
        });
        return bound[0];
    }
}
