package io.chanflow.rxjava3;

import io.chanflow.ContextTask;
import io.chanflow.ReceiveChannel;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.flow.Await;
import io.chanflow.flow.ChannelSubscriber;
import io.chanflow.flow.FlowChannels;
import io.chanflow.flow.Producer;
import io.chanflow.flow.Undeliverable;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.Consumer;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.reactivestreams.Publisher;

/**
 * Channels as RxJava 3 types, and back: the entry points of the RxJava bridge. Built on the engine of
 * {@code chanflow-flow} ({@link FlowChannels}), so every {@link Flowable} here follows the same Reactive Streams
 * rules as the Flow bridge, and passes the same TCK.
 *
 * <table>
 *   <caption>What each entry point makes</caption>
 *   <tr><th>you have</th><th>you want</th><th>call</th></tr>
 *   <tr><td>a {@code ReceiveChannel}</td><td>a {@code Flowable}</td><td>{@link #flowable(ReceiveChannel)},
 *       {@link #flowable(CancelContext, ReceiveChannel)}</td></tr>
 *   <tr><td>blocking code that sends</td><td>a cold {@code Flowable}</td><td>{@link #flowable(Producer)},
 *       {@link #flowable(int, Producer)}, {@link #flowable(Context, int, Producer)}</td></tr>
 *   <tr><td>a {@code Flowable}, any {@code Publisher}</td><td>a {@code ReceiveChannel}</td>
 *       <td>{@link #toChannel(Context, Publisher, int)}, {@link #subscriber(Context, int)}</td></tr>
 *   <tr><td>blocking code that computes a value</td><td>a {@code Single}, {@code Maybe}, {@code Completable}</td>
 *       <td>{@link #single}, {@link #maybe}, {@link #completable}</td></tr>
 *   <tr><td>a {@code Single}, {@code Maybe}, {@code Completable}, {@code Flowable}</td><td>its result, in
 *       blocking code bounded by a {@code Context}</td><td>{@link #await(Context, Single)} and the other
 *       {@code await*} methods</td></tr>
 * </table>
 *
 * <p>The two rules of every bridge hold: <b>cancellation is {@code Context.done()}</b> (cancelling or disposing on
 * the RxJava side cancels the Chanflow context, and a cancelled context cancels or disposes the RxJava
 * subscription) and <b>backpressure is channel capacity</b>. What the Reactive Streams rules forbid signalling — an
 * error after a cancel, a subscriber that threw — goes to {@link RxJavaPlugins#onError}, like RxJava's own
 * undeliverable errors. RxJava has no hook for discarded elements: an element dropped by a cancel is let go.
 */
public final class RxChannels {
    private RxChannels() {
    }

    // ---------------------------------------------------------------- channel -> Flowable

    /**
     * A unicast {@link Flowable} of {@code channel}'s elements, with a private context: a subscriber's cancel stops
     * the receiving, and the elements left in the channel stay there for the next subscriber. A second subscriber
     * while one is active gets {@code onError(IllegalStateException)}. Signals come from the subscription's emitter
     * goroutine. See {@link io.chanflow.flow.ChannelPublisher} for the whole contract.
     */
    public static <T> Flowable<T> flowable(ReceiveChannel<? extends T> channel) {
        return ChannelFlowable.of(FlowChannels.publish(null, channel, RxUndeliverable.INSTANCE));
    }

    /**
     * {@link #flowable(ReceiveChannel)} whose cancellation is {@code ctx}'s: a subscriber's cancel cancels
     * {@code ctx} (so the goroutines feeding the channel, watching {@code ctx.done()}, stop), and {@code ctx} being
     * cancelled otherwise ends the subscription with {@code onError(Context.cause(ctx))}.
     */
    public static <T> Flowable<T> flowable(CancelContext ctx, ReceiveChannel<? extends T> channel) {
        return ChannelFlowable.of(FlowChannels.publish(Objects.requireNonNull(ctx, "ctx"), channel,
                RxUndeliverable.INSTANCE));
    }

    /**
     * {@link #flowable(ReceiveChannel)} with a discard hook, since RxJava has none: the one element a cancel can
     * lose (received from the channel while a cancel arrived from another thread, so never signalled) is passed to
     * {@code onDiscard} instead of being let go. What {@code onDiscard} throws goes to
     * {@link RxJavaPlugins#onError}.
     */
    public static <T> Flowable<T> flowable(ReceiveChannel<? extends T> channel, Consumer<? super T> onDiscard) {
        return ChannelFlowable.of(FlowChannels.publish(null, channel, RxUndeliverable.discardingTo(onDiscard)));
    }

    /**
     * {@link #flowable(CancelContext, ReceiveChannel)} with a discard hook, as
     * {@link #flowable(ReceiveChannel, Consumer)}.
     */
    public static <T> Flowable<T> flowable(CancelContext ctx, ReceiveChannel<? extends T> channel,
                                           Consumer<? super T> onDiscard) {
        return ChannelFlowable.of(FlowChannels.publish(Objects.requireNonNull(ctx, "ctx"), channel,
                RxUndeliverable.discardingTo(onDiscard)));
    }

    // ---------------------------------------------------------------- producer builder

    /**
     * A cold {@link Flowable} whose elements {@code body} sends on an unbuffered channel: each {@code send} waits for
     * the subscriber's demand. Same as {@code flowable(Context.background(), 0, body)}.
     */
    public static <T> Flowable<T> flowable(Producer<T> body) {
        return flowable(Context.background(), 0, body);
    }

    /** A cold {@link Flowable} whose elements {@code body} sends on a channel of {@code capacity}. */
    public static <T> Flowable<T> flowable(int capacity, Producer<T> body) {
        return flowable(Context.background(), capacity, body);
    }

    /**
     * A cold {@link Flowable}: for each subscriber, {@code body} runs in a new goroutine with a context derived
     * from {@code parent} and a fresh channel of {@code capacity} elements (0: each send waits for demand; C: up to
     * C elements are produced ahead of it). Cancelling the subscription cancels that context and wakes a blocked
     * {@code send} with its {@link CancellationException}; {@code parent} being cancelled ends the subscription
     * with {@code onError}. Returning completes the stream, throwing fails it; an error thrown after the cancel
     * goes to {@link RxJavaPlugins#onError}. See {@link Producer} for the body's contract.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public static <T> Flowable<T> flowable(Context parent, int capacity, Producer<T> body) {
        return ChannelFlowable.of(FlowChannels.produce(parent, capacity, RxUndeliverable.INSTANCE, body));
    }

    /**
     * {@link #flowable(Context, int, Producer)} with a discard hook, since RxJava has none: the elements whose
     * {@code send} returned but that a cancel left unsignalled (buffered ahead of demand, or taken by the emitter in
     * the chunk it was signalling) are passed to {@code onDiscard}, once each, instead of being let go — to release
     * what they hold. What {@code onDiscard} throws goes to {@link RxJavaPlugins#onError}.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public static <T> Flowable<T> flowable(Context parent, int capacity, Consumer<? super T> onDiscard,
                                           Producer<T> body) {
        return ChannelFlowable.of(FlowChannels.produce(parent, capacity, RxUndeliverable.discardingTo(onDiscard),
                body));
    }

    // ---------------------------------------------------------------- Publisher -> channel

    /**
     * Subscribes to {@code publisher} (a {@link Flowable}, any Reactive Streams publisher) and returns the channel
     * its elements arrive on. With capacity N, N elements are requested up front (1 for an unbuffered channel) and
     * more as consumers receive, so at most that many are outstanding. {@code onComplete} closes the channel;
     * {@code onError} closes it with the error, thrown by a receive after the buffered elements. {@code ctx} being
     * cancelled cancels the subscription and closes the channel with {@code Context.cause(ctx)}. See
     * {@link ChannelSubscriber} for the whole contract.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public static <T> ReceiveChannel<T> toChannel(Context ctx, Publisher<? extends T> publisher, int capacity) {
        Objects.requireNonNull(publisher, "publisher");
        ChannelSubscriber<T> s = subscriber(ctx, capacity);
        publisher.subscribe(new FlowableChannelSubscriber<>(s)); // a Flowable signals it without StrictSubscriber
        return s.channel();
    }

    /**
     * {@link #toChannel(Context, Publisher, int)} with RxJava's default buffer size, {@link Flowable#bufferSize()}
     * (128 unless the {@code rx3.buffer-size} property says otherwise), as the capacity.
     */
    public static <T> ReceiveChannel<T> toChannel(Context ctx, Publisher<? extends T> publisher) {
        return toChannel(ctx, publisher, Flowable.bufferSize());
    }

    /**
     * The subscriber {@link #toChannel} subscribes: a {@link ChannelSubscriber} into a channel of {@code capacity},
     * cancelled when {@code ctx} is done, that reports an error signalled after its cancellation to
     * {@link RxJavaPlugins#onError}. Subscribe it yourself when you need the channel before subscribing. (A
     * {@link Flowable} signals it through RxJava's {@code StrictSubscriber}, two atomic operations per element, as
     * it does any subscriber that is not a {@code FlowableSubscriber}; {@link #toChannel} avoids that.)
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public static <T> ChannelSubscriber<T> subscriber(Context ctx, int capacity) {
        return new ChannelSubscriber<>(ctx, capacity, RxUndeliverable.INSTANCE);
    }

    /**
     * Where the RxJava bridge reports what it cannot deliver: errors to {@link RxJavaPlugins#onError}, discarded
     * elements nowhere. Pass it to the {@code chanflow-flow} entry points that take an {@link Undeliverable}.
     */
    public static Undeliverable undeliverable() {
        return RxUndeliverable.INSTANCE;
    }

    // ---------------------------------------------------------------- Single, Maybe, Completable builders

    /*
     * The three builders are the Flow bridge's single-value engine (io.chanflow.flow.ValuePublisher: one goroutine
     * runs the body and signals its outcome; disposing cancels the body's context; what cannot be delivered goes to
     * RxJavaPlugins.onError) seen through RxJava's own fromPublisher adapters, which call RxJavaPlugins.onAssembly.
     */

    /** {@link #single(Context, ContextCallable)} with {@link Context#background()} as parent. */
    public static <T> Single<T> single(ContextCallable<T> body) {
        return single(Context.background(), body);
    }

    /**
     * A cold {@link Single}: for each observer, {@code body} runs in a new goroutine with a context derived from
     * {@code parent}, and its result is signalled from that goroutine. Disposing cancels the context. A
     * {@code null} result signals a {@link NullPointerException}, as RxJava requires of a {@code Single}; a thrown
     * exception signals {@code onError}. An exception thrown after the observer disposed goes to
     * {@link RxJavaPlugins#onError}, unless it is the context's own cancellation. The context is cancelled when
     * the body returns, releasing what was derived from it.
     */
    public static <T> Single<T> single(Context parent, ContextCallable<T> body) {
        Objects.requireNonNull(body, "body");
        return Single.fromPublisher(FlowChannels.value(parent, RxUndeliverable.INSTANCE,
                ctx -> Objects.requireNonNull(body.call(ctx), "the Single's body returned null")));
    }

    /** {@link #maybe(Context, ContextCallable)} with {@link Context#background()} as parent. */
    public static <T> Maybe<T> maybe(ContextCallable<T> body) {
        return maybe(Context.background(), body);
    }

    /**
     * A cold {@link Maybe}: as {@link #single(Context, ContextCallable)}, except that a {@code null} result
     * completes the {@code Maybe} empty.
     */
    public static <T> Maybe<T> maybe(Context parent, ContextCallable<T> body) {
        Objects.requireNonNull(body, "body");
        return Maybe.fromPublisher(FlowChannels.value(parent, RxUndeliverable.INSTANCE, body::call));
    }

    /** {@link #completable(Context, ContextTask)} with {@link Context#background()} as parent. */
    public static Completable completable(ContextTask<Context> body) {
        return completable(Context.background(), body);
    }

    /**
     * A cold {@link Completable}: for each observer, {@code body} runs in a new goroutine with a context derived
     * from {@code parent}; returning completes, throwing signals {@code onError}. Disposing cancels the context. An
     * exception thrown after the observer disposed goes to {@link RxJavaPlugins#onError}, unless it is the
     * context's own cancellation.
     */
    public static Completable completable(Context parent, ContextTask<Context> body) {
        Objects.requireNonNull(body, "body");
        return Completable.fromPublisher(FlowChannels.<Object>value(parent, RxUndeliverable.INSTANCE, ctx -> {
            body.run(ctx);
            return null;
        }));
    }

    // ---------------------------------------------------------------- blocking awaits

    /*
     * Every await is the Flow bridge's engine (io.chanflow.flow.Await) in RxJava's dialect (RxDialect): it requests
     * exactly what it needs (first: 1, single: 2, last and list: unbounded, as blockingLast does), and a Duration
     * bounds the wait with a context deadline (Context.DEADLINE_EXCEEDED when it passes first). A Single, Maybe or
     * Completable is awaited through its toFlowable().
     */

    /**
     * Subscribes to {@code single} and waits for its value.
     *
     * @throws CancellationException {@code ctx.err()} if {@code ctx} was done first (or on entry: then nothing is
     *     subscribed); the subscription is disposed
     * @throws InterruptedException if interrupted while waiting; the subscription is disposed
     * @throws CompletionException wrapping the {@code Single}'s error if it is a checked exception; an unchecked
     *     one is thrown as it is
     */
    public static <T> T await(Context ctx, Single<? extends T> single) throws InterruptedException {
        return Await.first(ctx, Objects.requireNonNull(single, "single").toFlowable(), RxDialect.INSTANCE);
    }

    /** {@link #await(Context, Single)} that waits at most {@code timeout}. */
    public static <T> T await(Context ctx, Single<? extends T> single, Duration timeout) throws InterruptedException {
        try (CancelContext bounded = Context.withTimeout(ctx, timeout)) {
            return await(bounded, single);
        }
    }

    /**
     * Subscribes to {@code maybe} and waits for its value: empty if it completed without one. Cancellation,
     * interruption and errors as for {@link #await(Context, Single)}.
     */
    public static <T> Optional<T> await(Context ctx, Maybe<? extends T> maybe) throws InterruptedException {
        return Optional.ofNullable(Await.firstOrElse(ctx, Objects.requireNonNull(maybe, "maybe").toFlowable(), null,
                RxDialect.INSTANCE));
    }

    /** {@link #await(Context, Maybe)} that waits at most {@code timeout}. */
    public static <T> Optional<T> await(Context ctx, Maybe<? extends T> maybe, Duration timeout)
            throws InterruptedException {
        try (CancelContext bounded = Context.withTimeout(ctx, timeout)) {
            return await(bounded, maybe);
        }
    }

    /**
     * Subscribes to {@code completable} and waits for it to complete. Cancellation, interruption and errors as for
     * {@link #await(Context, Single)}.
     */
    public static void await(Context ctx, Completable completable) throws InterruptedException {
        Await.firstOrElse(ctx, Objects.requireNonNull(completable, "completable").toFlowable(), null,
                RxDialect.INSTANCE);
    }

    /** {@link #await(Context, Completable)} that waits at most {@code timeout}. */
    public static void await(Context ctx, Completable completable, Duration timeout) throws InterruptedException {
        try (CancelContext bounded = Context.withTimeout(ctx, timeout)) {
            await(bounded, completable);
        }
    }

    /**
     * Subscribes to {@code publisher}, requests exactly one element, waits for it and cancels.
     *
     * @throws NoSuchElementException if the publisher completed without an element
     * @throws CancellationException {@code ctx.err()} if {@code ctx} was done first; the subscription is cancelled
     * @throws InterruptedException if interrupted while waiting; the subscription is cancelled
     * @throws CompletionException wrapping the publisher's error if it is a checked exception; an unchecked one is
     *     thrown as it is
     */
    public static <T> T awaitFirst(Context ctx, Publisher<? extends T> publisher) throws InterruptedException {
        return Await.first(ctx, publisher, RxDialect.INSTANCE);
    }

    /** {@link #awaitFirst(Context, Publisher)} that waits at most {@code timeout}. */
    public static <T> T awaitFirst(Context ctx, Publisher<? extends T> publisher, Duration timeout)
            throws InterruptedException {
        try (CancelContext bounded = Context.withTimeout(ctx, timeout)) {
            return Await.first(bounded, publisher, RxDialect.INSTANCE);
        }
    }

    /** {@link #awaitFirst(Context, Publisher)} that returns {@code null} for a publisher that completed empty. */
    public static <T> T awaitFirstOrNull(Context ctx, Publisher<? extends T> publisher) throws InterruptedException {
        return Await.firstOrElse(ctx, publisher, null, RxDialect.INSTANCE);
    }

    /** {@link #awaitFirstOrNull(Context, Publisher)} that waits at most {@code timeout}. */
    public static <T> T awaitFirstOrNull(Context ctx, Publisher<? extends T> publisher, Duration timeout)
            throws InterruptedException {
        try (CancelContext bounded = Context.withTimeout(ctx, timeout)) {
            return Await.firstOrElse(bounded, publisher, null, RxDialect.INSTANCE);
        }
    }

    /**
     * {@link #awaitFirst(Context, Publisher)} that returns {@code defaultValue} for a publisher that completed empty
     * (RxJava's {@code blockingFirst(defaultItem)}).
     */
    public static <T> T awaitFirstOrDefault(Context ctx, Publisher<? extends T> publisher, T defaultValue)
            throws InterruptedException {
        return Await.firstOrElse(ctx, publisher, Objects.requireNonNull(defaultValue, "defaultValue"),
                RxDialect.INSTANCE);
    }

    /**
     * Subscribes to {@code publisher} and waits for its only element: it requests two, to tell one from more.
     *
     * @throws NoSuchElementException if the publisher completed without an element
     * @throws IllegalArgumentException if it signalled more than one (the subscription is then cancelled)
     * @throws CancellationException as for {@link #awaitFirst}
     * @throws InterruptedException as for {@link #awaitFirst}
     * @throws CompletionException as for {@link #awaitFirst}
     */
    public static <T> T awaitSingle(Context ctx, Publisher<? extends T> publisher) throws InterruptedException {
        return Await.single(ctx, publisher, RxDialect.INSTANCE);
    }

    /** {@link #awaitSingle(Context, Publisher)} that waits at most {@code timeout}. */
    public static <T> T awaitSingle(Context ctx, Publisher<? extends T> publisher, Duration timeout)
            throws InterruptedException {
        try (CancelContext bounded = Context.withTimeout(ctx, timeout)) {
            return Await.single(bounded, publisher, RxDialect.INSTANCE);
        }
    }

    /**
     * Subscribes to {@code publisher}, requests everything, and waits for it to complete, returning its last element
     * (only the last is kept).
     *
     * @throws NoSuchElementException if the publisher completed without an element
     * @throws CancellationException as for {@link #awaitFirst}
     * @throws InterruptedException as for {@link #awaitFirst}
     * @throws CompletionException as for {@link #awaitFirst}
     */
    public static <T> T awaitLast(Context ctx, Publisher<? extends T> publisher) throws InterruptedException {
        return Await.last(ctx, publisher, RxDialect.INSTANCE);
    }

    /** {@link #awaitLast(Context, Publisher)} that waits at most {@code timeout}. */
    public static <T> T awaitLast(Context ctx, Publisher<? extends T> publisher, Duration timeout)
            throws InterruptedException {
        try (CancelContext bounded = Context.withTimeout(ctx, timeout)) {
            return Await.last(bounded, publisher, RxDialect.INSTANCE);
        }
    }

    /**
     * Subscribes to {@code publisher}, requests everything, and waits for it to complete, returning all its elements
     * in order (an empty list if there were none). Cancellation, interruption and errors as for {@link #awaitFirst}.
     */
    public static <T> List<T> awaitList(Context ctx, Publisher<? extends T> publisher) throws InterruptedException {
        return Await.list(ctx, publisher, RxDialect.INSTANCE);
    }

    /** {@link #awaitList(Context, Publisher)} that waits at most {@code timeout}. */
    public static <T> List<T> awaitList(Context ctx, Publisher<? extends T> publisher, Duration timeout)
            throws InterruptedException {
        try (CancelContext bounded = Context.withTimeout(ctx, timeout)) {
            return Await.list(bounded, publisher, RxDialect.INSTANCE);
        }
    }
}
