package io.chanflow.flow;

import io.chanflow.Channel;
import io.chanflow.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The await engine of every bridge: blocking code in a goroutine subscribes to a publisher and waits, bounded by a
 * {@link Context}, for what it needs of it. The Reactor and RxJava bridges' {@code await*} methods are this engine
 * with their library's {@link Dialect}; {@link #FLOW} is the plain one.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Exactly what is needed is requested</b>, in one {@code request}: {@link #first} asks for 1 and cancels
 *       after it; {@link #single} asks for 2, the fewest that tell one element from more, and cancels on the second;
 *       {@link #last} and {@link #list} ask for {@link Long#MAX_VALUE} (unbounded, as Reactor's {@code blockLast} and
 *       {@code collectList} do: the elements are kept by the await, not buffered in a channel).</li>
 *   <li>If {@code ctx} is already done, nothing is subscribed and {@code ctx.err()} is thrown. If it is done while
 *       waiting, the subscription is cancelled and {@code ctx.err()} is thrown; an interrupt likewise cancels it and
 *       throws {@link InterruptedException}. A timeout is a context with a deadline: the bridges' {@code Duration}
 *       overloads wait under {@code Context.withTimeout(ctx, timeout)} and so throw
 *       {@link Context#DEADLINE_EXCEEDED} when it passes first.</li>
 *   <li>The publisher's error is thrown through {@link Dialect#failed}; an error or an element that arrives after the
 *       await cancelled goes to {@link Undeliverable#errorDropped} / {@link Undeliverable#elementDiscarded}.</li>
 *   <li>The signals may come from any thread, and within {@code subscribe} itself (a synchronous publisher); the
 *       waiting thread sees everything they recorded (the outcome is published by the close of a channel).</li>
 * </ul>
 */
public final class Await {

    /** A library's terms for what an await finds: its exceptions, its hooks and how it subscribes. */
    public interface Dialect extends Undeliverable {
        /** Thrown when the publisher completed without the element the await needed. */
        RuntimeException empty();

        /** Thrown by {@link #single} when the publisher signalled a second element. */
        RuntimeException moreThanOne();

        /**
         * The publisher's {@code onError} as the await throws it: unchecked exceptions as they are, others wrapped.
         * It may throw an {@link Error} itself.
         */
        RuntimeException failed(Throwable error);

        /**
         * Subscribes {@code subscriber} to {@code publisher}: a library wraps it in its own subscriber type when
         * that matters (Reactor: a {@code CoreSubscriber} carrying a Reactor context; RxJava: a
         * {@code FlowableSubscriber}, which a {@code Flowable} signals without its strict wrapper).
         */
        default <T> void subscribe(Publisher<? extends T> publisher, Subscriber<T> subscriber) {
            publisher.subscribe(subscriber);
        }
    }

    /**
     * The plain dialect: {@link NoSuchElementException} for an empty publisher, {@link IllegalArgumentException} for
     * a second element of a single, the publisher's unchecked error as it is and a checked one in a
     * {@link CompletionException}; undeliverable signals to {@link Undeliverable#DEFAULT}.
     */
    public static final Dialect FLOW = new Dialect() {
        @Override
        public RuntimeException empty() {
            return new NoSuchElementException("the publisher completed without an element");
        }

        @Override
        public RuntimeException moreThanOne() {
            return new IllegalArgumentException("the publisher signalled more than one element");
        }

        @Override
        public RuntimeException failed(Throwable error) {
            return uncheckedOrWrapped(error);
        }

        @Override
        public void errorDropped(Throwable error) {
            Undeliverable.DEFAULT.errorDropped(error);
        }

        @Override
        public void elementDiscarded(Object element) {
            Undeliverable.DEFAULT.elementDiscarded(element);
        }
    };

    private Await() {
    }

    /**
     * Requests 1, waits for it, cancels and returns it.
     *
     * @throws RuntimeException {@link Dialect#empty()} if the publisher completed without an element, or its error
     *         through {@link Dialect#failed}
     * @throws CancellationException {@code ctx.err()} if {@code ctx} was done first
     * @throws InterruptedException if interrupted while waiting
     */
    public static <T> T first(Context ctx, Publisher<? extends T> publisher, Dialect dialect)
            throws InterruptedException {
        AwaitSubscriber<T> s = Await.<T>run(ctx, publisher, dialect, Mode.FIRST);
        if (s.count == 0) {
            throw dialect.empty();
        }
        return s.value;
    }

    /** {@link #first}, but {@code orElse} (which may be {@code null}) for a publisher that completed empty. */
    public static <T> T firstOrElse(Context ctx, Publisher<? extends T> publisher, T orElse, Dialect dialect)
            throws InterruptedException {
        AwaitSubscriber<T> s = Await.<T>run(ctx, publisher, dialect, Mode.FIRST);
        return s.count == 0 ? orElse : s.value;
    }

    /**
     * Requests 2 and returns the only element once the publisher completed.
     *
     * @throws RuntimeException {@link Dialect#empty()} if it completed without an element,
     *         {@link Dialect#moreThanOne()} if it signalled a second one (the subscription is then cancelled), or its
     *         error through {@link Dialect#failed}
     * @throws CancellationException {@code ctx.err()} if {@code ctx} was done first
     * @throws InterruptedException if interrupted while waiting
     */
    public static <T> T single(Context ctx, Publisher<? extends T> publisher, Dialect dialect)
            throws InterruptedException {
        T value = singleOrElse(ctx, publisher, null, dialect);
        if (value == null) {
            throw dialect.empty();
        }
        return value;
    }

    /** {@link #single}, but {@code orElse} (which may be {@code null}) for a publisher that completed empty. */
    public static <T> T singleOrElse(Context ctx, Publisher<? extends T> publisher, T orElse, Dialect dialect)
            throws InterruptedException {
        AwaitSubscriber<T> s = Await.<T>run(ctx, publisher, dialect, Mode.SINGLE);
        if (s.count > 1) {
            throw dialect.moreThanOne();
        }
        return s.count == 0 ? orElse : s.value;
    }

    /**
     * Requests everything and returns the last element once the publisher completed.
     *
     * @throws RuntimeException {@link Dialect#empty()} if it completed without an element, or its error through
     *         {@link Dialect#failed}
     * @throws CancellationException {@code ctx.err()} if {@code ctx} was done first
     * @throws InterruptedException if interrupted while waiting
     */
    public static <T> T last(Context ctx, Publisher<? extends T> publisher, Dialect dialect)
            throws InterruptedException {
        AwaitSubscriber<T> s = Await.<T>run(ctx, publisher, dialect, Mode.LAST);
        if (s.count == 0) {
            throw dialect.empty();
        }
        return s.value;
    }

    /**
     * Requests everything and returns all the elements, in order, once the publisher completed (an empty list for
     * none).
     *
     * @throws RuntimeException the publisher's error through {@link Dialect#failed}
     * @throws CancellationException {@code ctx.err()} if {@code ctx} was done first
     * @throws InterruptedException if interrupted while waiting
     */
    public static <T> List<T> list(Context ctx, Publisher<? extends T> publisher, Dialect dialect)
            throws InterruptedException {
        return Await.<T>run(ctx, publisher, dialect, Mode.LIST).all;
    }

    /** An unchecked exception as it is, an {@link Error} thrown, anything else wrapped in a {@link CompletionException}. */
    public static RuntimeException uncheckedOrWrapped(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new CompletionException(t);
    }

    private static <T> AwaitSubscriber<T> run(Context ctx, Publisher<? extends T> publisher, Dialect dialect,
                                              Mode mode) throws InterruptedException {
        CancellationException err = Objects.requireNonNull(ctx, "ctx").err();
        ReactiveRules.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(dialect, "dialect");
        if (err != null) {
            throw err; // done on entry: nothing is subscribed
        }
        AwaitSubscriber<T> s = new AwaitSubscriber<>(mode, dialect);
        dialect.subscribe(publisher, s);
        s.await(ctx);
        if (s.error != null) {
            throw dialect.failed(s.error);
        }
        return s;
    }

    /** What an await asks for, and when it has seen enough. */
    private enum Mode {
        FIRST(1L), SINGLE(2L), LAST(Long.MAX_VALUE), LIST(Long.MAX_VALUE);

        final long request;

        Mode(long request) {
            this.request = request;
        }
    }

    /**
     * The subscriber of one await. Its signals are serial (§1.3) and write plain fields; {@link #outcome}'s close
     * publishes them to the waiting thread, which reads them only after it saw the close.
     */
    private static final class AwaitSubscriber<T> implements Subscriber<T> {
        /** Stands in {@link #upstream} once the await cancelled: a late {@code onSubscribe} is cancelled at once. */
        private static final Subscription CANCELLED = ReactiveRules.noOpSubscription();

        private final Mode mode;
        private final Undeliverable undeliverable;
        private final AtomicReference<Subscription> upstream = new AtomicReference<>();
        /** Closed once the outcome is known. */
        private final Channel<Void> outcome = Channel.make();
        /** Signal side only, until {@link #outcome} is closed. */
        private boolean finished;
        /** Set by the waiting thread when it gave up (its context, an interrupt) before the outcome. */
        private volatile boolean abandoned;
        int count;
        T value;
        Throwable error;
        final List<T> all;

        AwaitSubscriber(Mode mode, Undeliverable undeliverable) {
            this.mode = mode;
            this.undeliverable = undeliverable;
            this.all = mode == Mode.LIST ? new ArrayList<>() : null;
        }

        @Override
        public void onSubscribe(Subscription s) {
            ReactiveRules.requireNonNull(s, "subscription"); // §2.13
            if (!upstream.compareAndSet(null, s)) {
                s.cancel(); // §2.5: a second subscription, or the await already gave up
                return;
            }
            s.request(mode.request); // exactly what the mode needs, once (§2.1)
        }

        @Override
        public void onNext(T t) {
            ReactiveRules.requireNonNull(t, "onNext element"); // §2.13
            if (finished || abandoned) {
                undeliverable.elementDiscarded(t); // §2.8: signalled after our cancel
                return;
            }
            count++;
            switch (mode) {
                case FIRST -> {
                    value = t;
                    finish(true);
                }
                case SINGLE -> {
                    if (count == 1) {
                        value = t;
                    } else {
                        undeliverable.elementDiscarded(t); // the second one only says there is more than one
                        finish(true);
                    }
                }
                case LAST -> value = t;
                case LIST -> all.add(t);
            }
        }

        @Override
        public void onError(Throwable t) {
            ReactiveRules.requireNonNull(t, "onError throwable"); // §2.13
            if (finished || abandoned) {
                undeliverable.errorDropped(t); // after our cancel: nobody waits for it
                return;
            }
            error = t;
            finish(false);
        }

        @Override
        public void onComplete() {
            if (!finished) {
                finish(false);
            }
        }

        private void finish(boolean cancel) {
            finished = true;
            if (cancel) {
                cancelUpstream();
            }
            outcome.close(); // publishes count, value, all and error to the waiting thread
        }

        void await(Context ctx) throws InterruptedException {
            try {
                outcome.receiveOrClosed(ctx);
            } catch (CancellationException | InterruptedException e) {
                abandoned = true;
                cancelUpstream();
                throw e;
            }
        }

        private void cancelUpstream() {
            Subscription s = upstream.getAndSet(CANCELLED);
            if (s != null && s != CANCELLED) {
                s.cancel(); // §3.5: at most once from here
            }
        }
    }
}
