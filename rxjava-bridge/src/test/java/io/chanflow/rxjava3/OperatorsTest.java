package io.chanflow.rxjava3;

import static io.chanflow.flow.NumberChannels.assertExactlyOnce;
import static io.chanflow.flow.NumberChannels.range;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.flow.NumberChannels;
import io.chanflow.flow.NumberChannels.Endless;
import io.chanflow.flow.NumberChannels.Finite;
import io.chanflow.patterns.Patterns;
import io.chanflow.test.CheckGoroutineLeaks;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableSubscriber;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The channel Flowable ({@link RxChannels#flowable(io.chanflow.ReceiveChannel)}), the awaits and
 * {@link RxChannels#toChannel} under RxJava's own operators and schedulers, as users chain them: regression tests of
 * the engine's cancel, resubscribe and await rules (README, "On cancel, resubscribe and close"), by contract:
 * <ol>
 *   <li><b>Resubscription.</b> A subscriber arriving once the previous subscription was cancelled or terminated, even
 *       from inside its {@code onNext} ({@code take(1).blockingFirst()} in a loop, {@code retry}, {@code repeat},
 *       {@code concatMap}), is served and continues exactly where the previous one stopped; only a second subscriber
 *       while the first is active gets {@code onError(IllegalStateException)} (§1.9, §2.5).</li>
 *   <li><b>What a cancel leaves in the channel.</b> A cancel from inside {@code onNext} loses nothing; what an
 *       operator requested and was sent (its prefetch) is its own, and RxJava, having no discard hook, lets it go; a
 *       cancel from another thread loses at most the element in flight. Everything else stays in the channel.</li>
 *   <li><b>What each await requests</b>, in one {@code request}: first 1, single 2, last and list
 *       {@code Long.MAX_VALUE}.</li>
 *   <li><b>Every element exactly once</b> through {@code flatMap}, {@code zip}, {@code observeOn},
 *       {@code concatMap}, and awaits in goroutines.</li>
 *   <li><b>RxJava's schedulers</b>: a virtual-thread scheduler on both sides of the bridge, and a Flowable on the
 *       computation scheduler ({@code observeOn}, {@code parallel().runOn()}) feeding a goroutine pipeline through
 *       {@code toChannel}: every element once, and cancelling the context cancels the source.</li>
 * </ol>
 * Channels are filled up front when the elements fit in their buffer, else fed by a goroutine ({@link NumberChannels}).
 * Nothing may reach {@link RxJavaPlugins#onError}.
 */
@CheckGoroutineLeaks
@Timeout(value = 20, unit = TimeUnit.SECONDS) // RxJava's blocking calls have no timeout of their own
class OperatorsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int ROUNDS = 200;

    @RegisterExtension
    final PluginErrors plugin = new PluginErrors();

    @AfterEach
    void nothingReachedRxJavaPlugins() {
        assertEquals(List.of(), plugin.errors);
    }

    /** For ten elements: 0 and 1 fed by a goroutine, the others holding all ten up front. */
    static IntStream tenElementCapacities() {
        return IntStream.of(0, 1, 10, 16, 64, 256, 1024);
    }

    static IntStream capacities() {
        return IntStream.of(0, 1, 16, 1024);
    }

    /** Awaitility polling every millisecond, for what holds a moment after a chain completed on another thread. */
    private static ConditionFactory eventually() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(WAIT);
    }

    // ---------------------------------------------------------------- 1. resubscription

    static Stream<Arguments> capacitiesAndResubscriptions() {
        return capacities().boxed().flatMap(c -> Stream.of(
                Arguments.of(c, Named.of("the same Flowable", true)),
                Arguments.of(c, Named.of("a new flowable(ch) each round", false))));
    }

    @ParameterizedTest(name = "capacity {0}, {1}")
    @MethodSource("capacitiesAndResubscriptions")
    void takeOneBlockingFirstInALoopGivesTheNextNumberEachRound(int capacity, boolean sameFlowable)
            throws Exception {
        Endless feed = NumberChannels.endless(capacity);
        Flowable<Integer> shared = RxChannels.flowable(feed.channel);
        for (int round = 0; round < ROUNDS; round++) {
            Flowable<Integer> flowable = sameFlowable ? shared : RxChannels.flowable(feed.channel);
            // take(1) cancels from inside onNext; the next round subscribes while that emitter may still be in it.
            assertEquals(round, flowable.take(1).blockingFirst(), "round " + round);
        }
        int sent = feed.stop();
        assertEquals(range(ROUNDS, sent - 1), shared.toList().blockingGet(), "the rest, still in the channel");
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("tenElementCapacities")
    void retryAfterADownstreamErrorContinuesWithTheElementsLeft(int capacity) {
        Finite ten = NumberChannels.finite(capacity, 10);
        ten.closeWhenSent();
        AtomicInteger subscriptions = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        List<Integer> got = RxChannels.flowable(ten.channel)
                .doOnSubscribe(s -> subscriptions.incrementAndGet())
                .map(v -> {
                    if (v == 3 && failed.compareAndSet(false, true)) {
                        throw new IllegalStateException("the third element fails, once");
                    }
                    return v;
                })
                .retry(1) // resubscribes from inside the failing onNext
                .toList()
                .blockingGet();
        assertEquals(List.of(1, 2, 4, 5, 6, 7, 8, 9, 10), got, "3 was the failed subscription's; 4 comes next");
        assertEquals(2, subscriptions.get());
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("tenElementCapacities")
    void repeatContinuesWhereTheLastSubscriptionStopped(int capacity) {
        Finite ten = NumberChannels.finite(capacity, 10);
        ten.closeWhenSent();
        Flowable<Integer> flowable = RxChannels.flowable(ten.channel);
        assertEquals(range(1, 10), flowable.take(2).repeat(5).toList().blockingGet(), "five rounds of two");
        assertEquals(List.of(), flowable.toList().blockingGet());
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("tenElementCapacities")
    void aSecondSubscriberWhileTheFirstIsActiveGetsIllegalStateException(int capacity) {
        Finite ten = NumberChannels.finite(capacity, 10);
        Flowable<Integer> flowable = RxChannels.flowable(ten.channel);
        TestSubscriber<Integer> first = flowable.map(v -> v).test(1);
        eventually().until(() -> first.values().size() == 1); // active, its demand spent

        flowable.filter(v -> true).test()
                .awaitDone(10, TimeUnit.SECONDS)
                .assertError(e -> e instanceof IllegalStateException
                        && e.getMessage().contains("one subscriber at a time"));

        first.requestMore(1); // the first one goes on as if nothing happened
        eventually().until(() -> first.values().size() == 2);
        first.assertValues(1, 2).assertNotComplete().assertNoErrors();
        first.cancel(); // while its emitter waits for demand: nothing in flight
        ten.closeWhenSent();
        assertEquals(range(3, 10), flowable.toList().blockingGet(), "served once the first was cancelled");
    }

    // ---------------------------------------------------------------- 2. what a cancel leaves in the channel

    /**
     * An operator chain that cancels the channel Flowable, what it delivers, and how many it may take and let go:
     * none for a cancel from inside {@code onNext}, else at most what it prefetched beyond what it delivered.
     */
    record Cancelling(Function<Flowable<Integer>, Flowable<Integer>> chain, List<Integer> delivered, int mayLose) {
    }

    static Stream<Arguments> cancellingChainsAndCapacities() {
        List<Named<Cancelling>> chains = List.of(
                // a cancel from inside onNext: nothing lost
                Named.of("takeUntil(v == 2)", new Cancelling(f -> f.takeUntil(v -> v == 2), List.of(1, 2), 0)),
                Named.of("take(3)", new Cancelling(f -> f.take(3), List.of(1, 2, 3), 0)),
                Named.of("firstElement()", new Cancelling(f -> f.firstElement().toFlowable(), List.of(1), 0)),
                // an operator's prefetch: delivered or let go by it, at most its prefetch
                Named.of("rebatchRequests(4).take(5)",
                        new Cancelling(f -> f.rebatchRequests(4).take(5), range(1, 5), 4)),
                Named.of("observeOn(computation, 1).take(5)",
                        new Cancelling(f -> f.observeOn(Schedulers.computation(), false, 1).take(5), range(1, 5), 1)),
                Named.of("observeOn(computation, 4).take(5)",
                        new Cancelling(f -> f.observeOn(Schedulers.computation(), false, 4).take(5), range(1, 5), 4)),
                Named.of("observeOn(computation).take(5)",
                        new Cancelling(f -> f.observeOn(Schedulers.computation()).take(5), range(1, 5), 5)));
        return chains.stream().flatMap(c -> tenElementCapacities().mapToObj(cap -> Arguments.of(c, cap)));
    }

    @ParameterizedTest(name = "{0}, capacity {1}")
    @MethodSource("cancellingChainsAndCapacities")
    void whatACancelLeavesIsDeliveredOrStillInTheChannel(Cancelling c, int capacity) throws Throwable {
        Finite ten = NumberChannels.finite(capacity, 10);
        Flowable<Integer> flowable = RxChannels.flowable(ten.channel);
        List<Integer> delivered = c.chain().apply(flowable).toList().blockingGet();
        assertEquals(c.delivered(), delivered);
        ten.closeWhenSent();
        // The same Flowable: served once the cancelled emitter returned, so after its element in flight, if any.
        List<Integer> rest = flowable.toList().blockingGet();
        assertEquals(range(11 - rest.size(), 10), rest, "the channel keeps its tail, in order");
        int lost = 10 - delivered.size() - rest.size(); // taken, then let go by the operator or the cancel
        assertTrue(0 <= lost && lost <= c.mayLose(), lost + " let go (below 0: twice; above: taken unrequested)");
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("tenElementCapacities")
    void aCancelFromInsideOnNextLeavesTheRestToTheChannelsOtherReceivers(int capacity) throws Exception {
        Finite ten = NumberChannels.finite(capacity, 10);
        assertEquals(List.of(1, 2), RxChannels.flowable(ten.channel).takeUntil(v -> v == 2).toList().blockingGet());
        assertEquals(3, ten.channel.receive(WAIT).value(), "the next element, to a plain receive");
        ten.closeWhenSent();
        assertEquals(range(4, 10), RxChannels.flowable(ten.channel).toList().blockingGet(), "to a new publisher");
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("capacities")
    void unboundedDemandCancelledFromAnotherThreadLosesAtMostTheElementInFlight(int capacity) throws Exception {
        Endless feed = NumberChannels.endless(capacity);
        Flowable<Integer> flowable = RxChannels.flowable(feed.channel);
        List<List<Integer>> parts = new ArrayList<>();
        for (int round = 0; round < 30; round++) {
            List<Integer> got = new CopyOnWriteArrayList<>();
            parts.add(got);
            CountDownLatch some = new CountDownLatch(1);
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            Disposable subscription = flowable
                    .doOnNext(v -> {
                        got.add(v); // also an onNext under way when the cancel arrives (§2.8)
                        some.countDown();
                    })
                    .subscribe(v -> { }, e -> {
                        errors.add(e);
                        some.countDown();
                    }); // requests Long.MAX_VALUE
            assertTrue(some.await(10, TimeUnit.SECONDS), "round " + round + " received nothing");
            assertEquals(List.of(), errors, "round " + round);
            subscription.dispose(); // from this thread, while the emitter receives and signals
        }
        int sent = feed.stop();
        // Served once the last emitter returned, which each emitter waits for of its predecessor: every round's
        // deliveries are recorded by then.
        parts.add(flowable.toList().blockingGet());
        int next = 0;
        for (int i = 0; i < parts.size(); i++) {
            List<Integer> part = parts.get(i);
            if (part.isEmpty()) {
                continue; // only the rest can be empty
            }
            int gap = part.get(0) - next;
            // RxJava has no discard hook: the element in flight at a cancel from another thread is let go.
            assertTrue(gap == 0 || (gap == 1 && i > 0), "part " + i + " starts at " + part.get(0) + ", not " + next);
            assertEquals(range(part.get(0), part.get(0) + part.size() - 1), part, "part " + i + " in order, whole");
            next = part.get(part.size() - 1) + 1;
        }
        assertTrue(sent - next <= 1, "the last round's element in flight at most: sent " + sent + ", seen to " + next);
    }

    // ---------------------------------------------------------------- 3. what each await requests

    /** An await under test. */
    @FunctionalInterface
    interface Awaiting {
        Object await(Context ctx, Publisher<Integer> publisher) throws Exception;
    }

    /** Each await, the elements it is given, what it returns, and what it requests and cancels. */
    static Stream<Arguments> awaits() {
        long all = Long.MAX_VALUE;
        return Stream.of(
                Arguments.of(Named.of("awaitFirst", (Awaiting) RxChannels::awaitFirst), 100, 1, List.of(1L), 1),
                Arguments.of(Named.of("awaitFirst(timeout)",
                        (Awaiting) (ctx, p) -> RxChannels.awaitFirst(ctx, p, WAIT)), 100, 1, List.of(1L), 1),
                Arguments.of(Named.of("awaitFirstOrNull", (Awaiting) RxChannels::awaitFirstOrNull),
                        100, 1, List.of(1L), 1),
                Arguments.of(Named.of("awaitFirstOrNull of nothing", (Awaiting) RxChannels::awaitFirstOrNull),
                        0, null, List.of(1L), 0),
                Arguments.of(Named.of("awaitFirstOrDefault",
                        (Awaiting) (ctx, p) -> RxChannels.awaitFirstOrDefault(ctx, p, -1)), 100, 1, List.of(1L), 1),
                Arguments.of(Named.of("awaitFirstOrDefault of nothing",
                        (Awaiting) (ctx, p) -> RxChannels.awaitFirstOrDefault(ctx, p, -1)), 0, -1, List.of(1L), 0),
                Arguments.of(Named.of("awaitSingle", (Awaiting) RxChannels::awaitSingle), 1, 1, List.of(2L), 0),
                Arguments.of(Named.of("awaitSingle(timeout)",
                        (Awaiting) (ctx, p) -> RxChannels.awaitSingle(ctx, p, WAIT)), 1, 1, List.of(2L), 0),
                Arguments.of(Named.of("awaitLast", (Awaiting) RxChannels::awaitLast), 100, 100, List.of(all), 0),
                Arguments.of(Named.of("awaitList", (Awaiting) RxChannels::awaitList),
                        3, List.of(1, 2, 3), List.of(all), 0));
    }

    @ParameterizedTest(name = "{0} of {1}")
    @MethodSource("awaits")
    void eachAwaitRequestsExactlyWhatItNeedsInOneRequest(Awaiting call, int elements, Object expected,
                                                         List<Long> requests, int cancels) throws Exception {
        List<Long> requested = new CopyOnWriteArrayList<>();
        AtomicInteger cancelled = new AtomicInteger();
        Flowable<Integer> source = Flowable.range(1, elements)
                .doOnRequest(requested::add)
                .doOnCancel(cancelled::incrementAndGet);
        assertEquals(expected, call.await(Context.background(), source));
        assertEquals(requests, requested);
        assertEquals(cancels, cancelled.get());
    }

    @Test
    void awaitSingleOfMoreThanOneRequestsTwoAndCancelsOnTheSecond() {
        List<Long> requested = new CopyOnWriteArrayList<>();
        AtomicInteger cancelled = new AtomicInteger();
        Flowable<Integer> source = Flowable.range(1, 100)
                .doOnRequest(requested::add)
                .doOnCancel(cancelled::incrementAndGet);
        assertThrows(IllegalArgumentException.class, () -> RxChannels.awaitSingle(Context.background(), source));
        assertEquals(List.of(2L), requested);
        assertEquals(1, cancelled.get());
    }

    /**
     * What the awaits of a {@code Single}, {@code Maybe} and {@code Completable} request of its
     * {@code toFlowable()}: RxJava gives no {@code doOnRequest} between the two, so the {@code Flowable} subscribe
     * hook wraps the await's subscriber (the one class of this package subscribed here) to record them.
     */
    @Test
    void awaitsOfSingleMaybeAndCompletableRequestOnceWhatTheyNeed() throws Exception {
        List<Long> requested = new CopyOnWriteArrayList<>();
        RxJavaPlugins.setOnFlowableSubscribe((flowable, subscriber) ->
                subscriber.getClass().getName().startsWith("io.chanflow.")
                        ? new RecordingRequests<>(subscriber, requested) : subscriber);
        Context bg = Context.background();
        // Await.first over toFlowable(): one request of 1 (the value, or the completion, is all there is).
        assertEquals(7, RxChannels.await(bg, Single.just(7)));
        assertEquals(List.of(1L), requested);
        requested.clear();
        assertEquals(Optional.of(8), RxChannels.await(bg, Maybe.just(8)));
        assertEquals(List.of(1L), requested);
        requested.clear();
        assertEquals(Optional.empty(), RxChannels.await(bg, Maybe.<Integer>empty()));
        assertEquals(List.of(1L), requested);
        requested.clear();
        RxChannels.await(bg, Completable.complete());
        assertEquals(List.of(1L), requested);
    }

    /** Passes every signal on and records each {@code request(n)} of its subscriber. */
    private record RecordingRequests<T>(Subscriber<T> actual, List<Long> requested) implements FlowableSubscriber<T> {
        @Override
        public void onSubscribe(Subscription s) {
            actual.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    requested.add(n);
                    s.request(n);
                }

                @Override
                public void cancel() {
                    s.cancel();
                }
            });
        }

        @Override
        public void onNext(T t) {
            actual.onNext(t);
        }

        @Override
        public void onError(Throwable t) {
            actual.onError(t);
        }

        @Override
        public void onComplete() {
            actual.onComplete();
        }
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("tenElementCapacities")
    void awaitFirstOfAChannelFlowableTakesOneElementAndLeavesTheRest(int capacity) throws Exception {
        Finite ten = NumberChannels.finite(capacity, 10);
        Flowable<Integer> flowable = RxChannels.flowable(ten.channel);
        for (int i = 1; i <= 4; i++) {
            assertEquals(i, RxChannels.awaitFirst(Context.background(), flowable));
        }
        assertEquals(5, RxChannels.awaitFirstOrNull(Context.background(), flowable));
        assertEquals(6, RxChannels.awaitFirstOrDefault(Context.background(), flowable, -1));
        ten.closeWhenSent();
        assertEquals(range(7, 10), RxChannels.awaitList(Context.background(), flowable));
        assertNull(RxChannels.awaitFirstOrNull(Context.background(), flowable), "closed and drained");
    }

    // ---------------------------------------------------------------- 4. every element exactly once

    private static List<Finite> closedFeeds(int sources, int capacity, int perSource) {
        List<Finite> feeds = new ArrayList<>();
        for (int p = 0; p < sources; p++) {
            Finite f = NumberChannels.finite(capacity, p * perSource + 1, (p + 1) * perSource);
            f.closeWhenSent();
            feeds.add(f);
        }
        return feeds;
    }

    /** Asserts that {@code got} holds each feed's elements exactly once and in each feed's order. */
    private static void assertEachFeedOnceInOrder(List<Finite> feeds, List<Integer> got) {
        List<Integer> all = new ArrayList<>();
        feeds.forEach(f -> all.addAll(f.all));
        assertExactlyOnce(all, got);
        for (Finite f : feeds) {
            assertEquals(f.all, got.stream().filter(f.all::contains).toList(), "in " + f + "'s order");
        }
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("capacities")
    void flatMapOverSeveralChannelFlowables(int capacity) {
        List<Finite> feeds = closedFeeds(4, capacity, 200);
        assertEachFeedOnceInOrder(feeds, Flowable.fromIterable(feeds)
                .flatMap(f -> RxChannels.flowable(f.channel))
                .toList().blockingGet());
        List<Finite> more = closedFeeds(4, capacity, 200);
        assertEachFeedOnceInOrder(more, Flowable.fromIterable(more)
                .flatMap(f -> RxChannels.flowable(f.channel), false, 2, 8) // two at a time, prefetch 8
                .toList().blockingGet());
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("capacities")
    void flatMapCancelledByTakeLeavesEveryOtherElementInItsChannel(int capacity) {
        List<Finite> feeds = new ArrayList<>();
        List<Flowable<Integer>> flowables = new ArrayList<>();
        // Resubscribed once the inners flatMap subscribed were cancelled (§1.9, §2.5); take may complete before
        // fromIterable gave flatMap all four.
        AtomicInteger subscribed = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        for (int p = 0; p < 4; p++) {
            feeds.add(NumberChannels.finite(capacity, p * 100 + 1, (p + 1) * 100));
            flowables.add(RxChannels.flowable(feeds.get(p).channel));
        }
        List<Integer> delivered = Flowable.fromIterable(flowables)
                .flatMap(f -> Flowable.defer(() -> {
                    subscribed.incrementAndGet();
                    return f.doFinally(ended::incrementAndGet);
                }), false, 4, 8)
                .take(150) // cancels the inner subscriptions from whichever emitter delivered the 150th
                .toList().blockingGet();
        assertEquals(150, delivered.size());
        eventually().until(() -> ended.get() == subscribed.get()); // every inner subscribed was cancelled
        List<Integer> rest = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            Finite f = feeds.get(p);
            f.closeWhenSent();
            List<Integer> left = flowables.get(p).toList().blockingGet(); // after the cancelled emitter returned
            assertEquals(f.all.subList(f.all.size() - left.size(), f.all.size()), left, "each channel keeps its tail");
            rest.addAll(left);
        }
        List<Integer> seen = new ArrayList<>(delivered);
        seen.addAll(rest);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "nothing twice");
        int lost = 400 - seen.size();
        assertTrue(lost <= 4 * 8, lost + " taken and let go, more than the inners' prefetch");
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("capacities")
    void zipPairsTwoChannelFlowablesElementByElement(int capacity) {
        Finite a = NumberChannels.finite(capacity, 1, 300);
        Finite b = NumberChannels.finite(capacity, 1001, 1300);
        a.closeWhenSent();
        b.closeWhenSent();
        List<List<Integer>> pairs = Flowable.zip(RxChannels.flowable(a.channel), RxChannels.flowable(b.channel),
                        (x, y) -> List.of(x, y))
                .toList().blockingGet();
        assertEquals(a.all, pairs.stream().map(p -> p.get(0)).toList());
        assertEquals(b.all, pairs.stream().map(p -> p.get(1)).toList());
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("capacities")
    void zipCancelsTheLongerChannelFlowableWhichKeepsWhatZipDidNotTake(int capacity) throws InterruptedException {
        Finite shorter = NumberChannels.finite(capacity, 1, 10);
        Finite longer = NumberChannels.finite(capacity, 101, 140);
        shorter.closeWhenSent();
        Flowable<Integer> longerFlowable = RxChannels.flowable(longer.channel);
        CountDownLatch longerCancelled = new CountDownLatch(1); // resubscribed after its cancel (§1.9, §2.5)
        List<Integer> paired = Flowable.<Integer, Integer>zipArray(pair -> (Integer) pair[1], false, 8, // prefetch 8
                        RxChannels.flowable(shorter.channel), longerFlowable.doFinally(longerCancelled::countDown))
                .toList().blockingGet();
        assertEquals(range(101, 110), paired);
        assertTrue(longerCancelled.await(10, TimeUnit.SECONDS));
        longer.closeWhenSent();
        List<Integer> rest = longerFlowable.toList().blockingGet(); // after the cancelled emitter returned
        assertEquals(range(141 - rest.size(), 140), rest, "the channel keeps its tail, in order");
        int lost = 40 - paired.size() - rest.size(); // taken, then let go by zip or the cancel
        assertTrue(0 <= lost && lost <= 8, lost + " let go (below 0: twice; above zip's prefetch: taken unrequested)");
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("capacities")
    void observeOnComputationDeliversEveryElementInOrder(int capacity) {
        Finite many = NumberChannels.finite(capacity, 2_000);
        many.closeWhenSent();
        assertEquals(many.all, RxChannels.flowable(many.channel)
                .observeOn(Schedulers.computation())
                .toList().blockingGet());
        Finite small = NumberChannels.finite(capacity, 500);
        small.closeWhenSent();
        assertEquals(small.all, RxChannels.flowable(small.channel)
                .observeOn(Schedulers.computation(), false, 4) // requests from the worker, 3 at a time
                .map(v -> v)
                .observeOn(Schedulers.computation(), false, 2)
                .toList().blockingGet());
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("capacities")
    void concatMapOverChannelFlowablesAndOverOneResubscribedFlowable(int capacity) {
        List<Finite> feeds = closedFeeds(3, capacity, 200);
        List<Integer> all = new ArrayList<>();
        feeds.forEach(f -> all.addAll(f.all));
        assertEquals(all, Flowable.fromIterable(feeds)
                .concatMap(f -> RxChannels.flowable(f.channel))
                .toList().blockingGet());

        Finite ten = NumberChannels.finite(capacity, 10);
        ten.closeWhenSent();
        Flowable<Integer> flowable = RxChannels.flowable(ten.channel);
        // Each inner take(2) completes inside an onNext of its emitter; concatMap subscribes the next one from there.
        assertEquals(range(1, 10), Flowable.range(0, 5).concatMap(i -> flowable.take(2)).toList().blockingGet());
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("capacities")
    void awaitsInGoroutinesGetEveryElementOnce(int capacity) throws Exception {
        List<Finite> feeds = closedFeeds(4, capacity, 250);
        Finite oneByOne = NumberChannels.finite(capacity, 10_001, 10_100);
        oneByOne.closeWhenSent();
        List<List<Integer>> lists = new CopyOnWriteArrayList<>();
        List<Integer> firsts = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(feeds.size() + 1);
        try (CancelContext ctx = Context.withCancel(Context.background())) {
            for (Finite f : feeds) {
                Go.go(() -> {
                    try {
                        lists.add(RxChannels.awaitList(ctx, RxChannels.flowable(f.channel).map(v -> v)));
                    } catch (Throwable t) {
                        errors.add(t);
                    } finally {
                        done.countDown();
                    }
                });
            }
            Flowable<Integer> shared = RxChannels.flowable(oneByOne.channel);
            Go.go(() -> {
                try {
                    for (Integer v; (v = RxChannels.awaitFirstOrNull(ctx, shared)) != null; ) {
                        firsts.add(v);
                    }
                } catch (Throwable t) {
                    errors.add(t);
                } finally {
                    done.countDown();
                }
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), errors);
        List<Integer> got = new ArrayList<>();
        lists.forEach(got::addAll);
        assertEachFeedOnceInOrder(feeds, got);
        assertEquals(oneByOne.all, firsts, "one element per awaitFirstOrNull, in order");
    }

    // ---------------------------------------------------------------- 5. RxJava's schedulers

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("capacities")
    void aVirtualThreadSchedulerWorksOnBothSidesOfTheBridge(int capacity) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
             CancelContext ctx = Context.withCancel(Context.background())) {
            Scheduler virtual = Schedulers.from(executor);

            Finite many = NumberChannels.finite(capacity, 500);
            many.closeWhenSent();
            assertEquals(many.all, RxChannels.flowable(many.channel)
                    .subscribeOn(virtual) // and requests from a virtual thread
                    .observeOn(virtual, false, 8)
                    .toList().blockingGet());

            Finite ten = NumberChannels.finite(capacity, 10);
            ten.closeWhenSent();
            Flowable<Integer> resubscribed = RxChannels.flowable(ten.channel).subscribeOn(virtual);
            for (int i = 1; i <= 5; i++) {
                assertEquals(i, resubscribed.take(1).observeOn(virtual).blockingFirst());
            }
            assertEquals(range(6, 10), resubscribed.observeOn(virtual).toList().blockingGet());

            ReceiveChannel<Integer> in = RxChannels.toChannel(ctx,
                    Flowable.range(1, 500).subscribeOn(virtual).observeOn(virtual, false, 8), capacity);
            List<Integer> received = new ArrayList<>();
            in.forEach(received::add);
            assertEquals(range(1, 500), received);

            AtomicInteger awaited = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            Go.go(() -> {
                try {
                    awaited.set(RxChannels.await(ctx, Single.fromCallable(() -> 42).subscribeOn(virtual)));
                } finally {
                    done.countDown();
                }
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(42, awaited.get());
        }
    }

    /** A source feeding the pipeline, and what each of its elements becomes. */
    static Stream<Arguments> computationUpstreamsAndCapacities() {
        List<Named<Function<Flowable<Integer>, Flowable<Integer>>>> upstreams = List.of(
                Named.of("observeOn(computation).map", f -> f.observeOn(Schedulers.computation()).map(x -> x * 2)),
                Named.of("observeOn(computation).parallel().runOn(computation).map.sequential()",
                        f -> f.observeOn(Schedulers.computation())
                                .parallel().runOn(Schedulers.computation()).map(x -> x * 2).sequential()));
        return upstreams.stream().flatMap(u -> IntStream.of(0, 1, 16, 128).mapToObj(c -> Arguments.of(u, c)));
    }

    @ParameterizedTest(name = "{0}, capacity {1}")
    @MethodSource("computationUpstreamsAndCapacities")
    void aComputationFlowableFeedsAGoroutinePipelineEveryElementOnce(
            Function<Flowable<Integer>, Flowable<Integer>> upstream, int capacity) throws Throwable {
        int n = 1_000;
        List<Integer> got = new ArrayList<>();
        try (CancelContext ctx = Context.withCancel(Context.background())) {
            ReceiveChannel<Integer> in = RxChannels.toChannel(ctx, upstream.apply(Flowable.range(0, n)), capacity);
            ReceiveChannel<Integer> out = Patterns.map(ctx, in, 4, x -> x + 1);
            out.forEach(got::add);
        }
        assertExactlyOnce(IntStream.range(0, n).map(x -> 2 * x + 1).boxed().toList(), got);
    }

    @ParameterizedTest(name = "{0}, capacity {1}")
    @MethodSource("computationUpstreamsAndCapacities")
    void cancellingTheContextCancelsTheComputationUpstream(
            Function<Flowable<Integer>, Flowable<Integer>> upstream, int capacity) throws Throwable {
        CountDownLatch sourceCancelled = new CountDownLatch(1);
        CancelContext ctx = Context.withCancel(Context.background());
        ReceiveChannel<Integer> in = RxChannels.toChannel(ctx,
                upstream.apply(Flowable.range(0, Integer.MAX_VALUE).doOnCancel(sourceCancelled::countDown)), capacity);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            got.add(in.receive());
        }
        ctx.cancel();
        assertTrue(sourceCancelled.await(10, TimeUnit.SECONDS), "the source, upstream of the schedulers, cancelled");
        assertThrows(CancellationException.class, () -> {
            for (;;) {
                got.add(in.receive()); // what was buffered, then the context's cause
            }
        });
        assertEquals(got.size(), new HashSet<>(got).size(), "nothing twice");
        assertTrue(got.stream().allMatch(x -> x % 2 == 0), "only what the pipeline made");
    }
}
