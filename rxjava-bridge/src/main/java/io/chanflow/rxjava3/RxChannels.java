package io.chanflow.rxjava3;

import io.chanflow.Channel;
import io.chanflow.ContextTask;
import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.Received;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.flow.ChannelSubscriber;
import io.chanflow.flow.FlowChannels;
import io.chanflow.flow.Producer;
import io.chanflow.flow.Undeliverable;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
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
    /** Capacity of the channel the {@code await*} methods that read a whole stream receive through. */
    private static final int AWAIT_CAPACITY = 128;

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
        return new ChannelFlowable<>(FlowChannels.publish(null, channel, RxUndeliverable.INSTANCE));
    }

    /**
     * {@link #flowable(ReceiveChannel)} whose cancellation is {@code ctx}'s: a subscriber's cancel cancels
     * {@code ctx} (so the goroutines feeding the channel, watching {@code ctx.done()}, stop), and {@code ctx} being
     * cancelled otherwise ends the subscription with {@code onError(Context.cause(ctx))}.
     */
    public static <T> Flowable<T> flowable(CancelContext ctx, ReceiveChannel<? extends T> channel) {
        return new ChannelFlowable<>(FlowChannels.publish(Objects.requireNonNull(ctx, "ctx"), channel,
                RxUndeliverable.INSTANCE));
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
        return new ChannelFlowable<>(FlowChannels.produce(parent, capacity, RxUndeliverable.INSTANCE, body));
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
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(body, "body");
        return Single.create(emitter -> {
            CancelContext ctx = Context.withCancel(parent);
            emitter.setCancellable(ctx::cancel);
            Go.go("chanflow-single", () -> {
                try {
                    T value = body.call(ctx);
                    if (value == null) {
                        emitter.tryOnError(new NullPointerException("the Single's body returned null"));
                    } else {
                        emitter.onSuccess(value);
                    }
                } catch (Throwable t) {
                    failed(ctx, t, emitter::tryOnError);
                } finally {
                    ctx.cancel();
                }
            });
        });
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
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(body, "body");
        return Maybe.create(emitter -> {
            CancelContext ctx = Context.withCancel(parent);
            emitter.setCancellable(ctx::cancel);
            Go.go("chanflow-maybe", () -> {
                try {
                    T value = body.call(ctx);
                    if (value == null) {
                        emitter.onComplete();
                    } else {
                        emitter.onSuccess(value);
                    }
                } catch (Throwable t) {
                    failed(ctx, t, emitter::tryOnError);
                } finally {
                    ctx.cancel();
                }
            });
        });
    }

    /** {@link #completable(Context, ContextTask)} with {@link Context#background()} as parent. */
    public static Completable completable(ContextTask body) {
        return completable(Context.background(), body);
    }

    /**
     * A cold {@link Completable}: for each observer, {@code body} runs in a new goroutine with a context derived
     * from {@code parent}; returning completes, throwing signals {@code onError}. Disposing cancels the context. An
     * exception thrown after the observer disposed goes to {@link RxJavaPlugins#onError}, unless it is the
     * context's own cancellation.
     */
    public static Completable completable(Context parent, ContextTask body) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(body, "body");
        return Completable.create(emitter -> {
            CancelContext ctx = Context.withCancel(parent);
            emitter.setCancellable(ctx::cancel);
            Go.go("chanflow-completable", () -> {
                try {
                    body.run(ctx);
                    emitter.onComplete();
                } catch (Throwable t) {
                    failed(ctx, t, emitter::tryOnError);
                } finally {
                    ctx.cancel();
                }
            });
        });
    }

    /**
     * A builder's body threw {@code t}: signal it, or if the observer is gone, report it — unless it is the
     * cancellation the disposal caused, which the body was right to let propagate.
     */
    private static void failed(CancelContext ctx, Throwable t, Predicate<Throwable> tryOnError) {
        if (!tryOnError.test(t) && !(t instanceof CancellationException && ctx.err() != null)) {
            RxJavaPlugins.onError(t);
        }
    }

    // ---------------------------------------------------------------- blocking awaits

    /**
     * Subscribes to {@code single} and waits for its value.
     *
     * @throws CancellationException {@code ctx.err()} if {@code ctx} was done first (or on entry: then nothing is
     *     subscribed); the subscription is disposed
     * @throws InterruptedException if interrupted while waiting; the subscription is disposed
     * @throws CompletionException wrapping the {@code Single}'s error if it is a checked exception; an unchecked
     *     one is thrown as it is
     */
    public static <T> T await(Context ctx, Single<T> single) throws InterruptedException {
        Objects.requireNonNull(single, "single");
        Channel<Outcome<T>> result = outcomeChannel(ctx);
        Disposable d = single.subscribe(v -> result.trySend(Outcome.value(v)),
                e -> result.trySend(Outcome.error(e)));
        return waitFor(ctx, result, d).valueOrThrow();
    }

    /**
     * Subscribes to {@code maybe} and waits for its value: empty if it completed without one. Cancellation,
     * interruption and errors as for {@link #await(Context, Single)}.
     */
    public static <T> Optional<T> await(Context ctx, Maybe<T> maybe) throws InterruptedException {
        Objects.requireNonNull(maybe, "maybe");
        Channel<Outcome<T>> result = outcomeChannel(ctx);
        Disposable d = maybe.subscribe(v -> result.trySend(Outcome.value(v)),
                e -> result.trySend(Outcome.error(e)), () -> result.trySend(Outcome.empty()));
        return Optional.ofNullable(waitFor(ctx, result, d).valueOrThrow());
    }

    /**
     * Subscribes to {@code completable} and waits for it to complete. Cancellation, interruption and errors as for
     * {@link #await(Context, Single)}.
     */
    public static void await(Context ctx, Completable completable) throws InterruptedException {
        Objects.requireNonNull(completable, "completable");
        Channel<Outcome<Object>> result = outcomeChannel(ctx);
        Disposable d = completable.subscribe(() -> result.trySend(Outcome.empty()),
                e -> result.trySend(Outcome.error(e)));
        waitFor(ctx, result, d).valueOrThrow();
    }

    /**
     * Subscribes to {@code publisher}, requests one element, waits for it and cancels.
     *
     * @throws NoSuchElementException if the publisher completed without an element
     * @throws CancellationException {@code ctx.err()} if {@code ctx} was done first; the subscription is cancelled
     * @throws InterruptedException if interrupted while waiting; the subscription is cancelled
     * @throws CompletionException wrapping the publisher's error if it is a checked exception; an unchecked one is
     *     thrown as it is
     */
    public static <T> T awaitFirst(Context ctx, Publisher<T> publisher) throws InterruptedException {
        return read(ctx, publisher, 0, ch -> {
            Received<T> r = next(ctx, ch);
            if (!r.ok()) {
                throw new NoSuchElementException("the publisher completed without an element");
            }
            return r.value();
        });
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
    public static <T> T awaitSingle(Context ctx, Publisher<T> publisher) throws InterruptedException {
        return read(ctx, publisher, 2, ch -> {
            Received<T> first = next(ctx, ch);
            if (!first.ok()) {
                throw new NoSuchElementException("the publisher completed without an element");
            }
            if (next(ctx, ch).ok()) {
                throw new IllegalArgumentException("the publisher signalled more than one element");
            }
            return first.value();
        });
    }

    /**
     * Subscribes to {@code publisher} and waits for it to complete, returning its last element. Elements are
     * received through a bounded channel, so a long stream needs no more memory than one element.
     *
     * @throws NoSuchElementException if the publisher completed without an element
     * @throws CancellationException as for {@link #awaitFirst}
     * @throws InterruptedException as for {@link #awaitFirst}
     * @throws CompletionException as for {@link #awaitFirst}
     */
    public static <T> T awaitLast(Context ctx, Publisher<T> publisher) throws InterruptedException {
        return read(ctx, publisher, AWAIT_CAPACITY, ch -> {
            T last = null;
            for (Received<T> r = next(ctx, ch); r.ok(); r = next(ctx, ch)) {
                last = r.value();
            }
            if (last == null) {
                throw new NoSuchElementException("the publisher completed without an element");
            }
            return last;
        });
    }

    /**
     * Subscribes to {@code publisher} and waits for it to complete, returning all its elements in order (an empty
     * list if there were none). Cancellation, interruption and errors as for {@link #awaitFirst}.
     */
    public static <T> List<T> awaitList(Context ctx, Publisher<T> publisher) throws InterruptedException {
        return read(ctx, publisher, AWAIT_CAPACITY, ch -> {
            List<T> all = new ArrayList<>();
            for (Received<T> r = next(ctx, ch); r.ok(); r = next(ctx, ch)) {
                all.add(r.value());
            }
            return all;
        });
    }

    /** What an {@code await*} does with the channel it subscribed. */
    @FunctionalInterface
    private interface Reader<T, R> {
        R read(ReceiveChannel<T> ch) throws InterruptedException;
    }

    /**
     * Subscribes {@code publisher} to a channel of {@code capacity} under a child of {@code ctx}, reads it, then
     * cancels that child: a subscription the reader did not see to its end is cancelled.
     */
    private static <T, R> R read(Context ctx, Publisher<T> publisher, int capacity, Reader<T, R> reader)
            throws InterruptedException {
        Objects.requireNonNull(publisher, "publisher");
        throwIfDone(ctx);
        CancelContext scope = Context.withCancel(ctx);
        try {
            return reader.read(toChannel(scope, publisher, capacity));
        } finally {
            scope.cancel();
        }
    }

    /**
     * The next element or the closure of {@code ch}; a closure with an error throws it, and a closure that is the
     * cancellation of {@code ctx} throws {@code ctx.err()}.
     */
    private static <T> Received<T> next(Context ctx, ReceiveChannel<T> ch) throws InterruptedException {
        Received<T> r = ch.receiveOrClosed(ctx);
        if (r.isClosed() && r.cause() != null) {
            CancellationException err = ctx.err();
            if (err != null && r.cause() instanceof CancellationException) {
                throw err;
            }
            throw rethrowable(r.cause());
        }
        return r;
    }

    private static <T> Channel<Outcome<T>> outcomeChannel(Context ctx) {
        throwIfDone(ctx);
        return Channel.make(1);
    }

    private static void throwIfDone(Context ctx) {
        CancellationException err = Objects.requireNonNull(ctx, "ctx").err();
        if (err != null) {
            throw err;
        }
    }

    /** Waits for the one outcome; disposes {@code d} if {@code ctx} or an interrupt comes first. */
    private static <T> Outcome<T> waitFor(Context ctx, Channel<Outcome<T>> result, Disposable d)
            throws InterruptedException {
        try {
            return result.receive(ctx);
        } catch (CancellationException | InterruptedException e) {
            d.dispose();
            throw e;
        }
    }

    private static RuntimeException rethrowable(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new CompletionException(t);
    }

    /** How a {@code Single}, {@code Maybe} or {@code Completable} ended. */
    private record Outcome<T>(T value, Throwable error) {
        static <T> Outcome<T> value(T v) {
            return new Outcome<>(v, null);
        }

        static <T> Outcome<T> error(Throwable e) {
            return new Outcome<>(null, e);
        }

        static <T> Outcome<T> empty() {
            return new Outcome<>(null, null);
        }

        T valueOrThrow() {
            if (error != null) {
                throw rethrowable(error);
            }
            return value;
        }
    }
}
