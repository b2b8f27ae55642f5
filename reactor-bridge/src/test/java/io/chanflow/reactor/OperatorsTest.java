package io.chanflow.reactor;

import static io.chanflow.flow.NumberChannels.assertExactlyOnce;
import static io.chanflow.flow.NumberChannels.range;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Go;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.flow.NumberChannels;
import io.chanflow.flow.NumberChannels.Endless;
import io.chanflow.flow.NumberChannels.Finite;
import io.chanflow.test.CheckGoroutineLeaks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

/**
 * The channel Flux ({@link ReactorChannels#flux(io.chanflow.ReceiveChannel)}) and the awaits under Reactor's own
 * operators, as users chain them: regression tests of the engine's cancel, resubscribe and await rules (README, "On
 * cancel, resubscribe and close"), by contract:
 * <ol>
 *   <li><b>Resubscription.</b> A subscriber arriving once the previous subscription was cancelled or terminated, even
 *       from inside its {@code onNext} ({@code take(1).blockFirst()} in a loop, {@code retry}, {@code repeat},
 *       {@code concatMap}), is served and continues exactly where the previous one stopped; only a second subscriber
 *       while the first is active gets {@code onError(IllegalStateException)} (§1.9, §2.5).</li>
 *   <li><b>What a cancel leaves in the channel.</b> A cancel from inside {@code onNext} loses nothing; what an
 *       operator requested and was sent (its prefetch) it delivers or gives to {@code doOnDiscard}; a cancel from
 *       another thread loses at most the element in flight, to {@code doOnDiscard}. Everything else stays in the
 *       channel.</li>
 *   <li><b>What each await requests</b>, in one {@code request}: first 1, single 2, last and list
 *       {@code Long.MAX_VALUE}.</li>
 *   <li><b>Every element exactly once</b> through {@code flatMap}, {@code zip}, {@code publishOn},
 *       {@code concatMap}, and awaits in goroutines.</li>
 * </ol>
 * Channels are filled up front when the elements fit in their buffer, else fed by a goroutine ({@link NumberChannels}).
 */
@CheckGoroutineLeaks
class OperatorsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int ROUNDS = 200;

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

    /**
     * Waits until {@code delivered}, the distinct elements of {@code discarded} and {@code rest} add up to
     * {@code total} (an operator on another thread may still be discarding), and returns those distinct discards.
     * Distinct, because a Reactor operator may give one element to the hook twice when an {@code onNext} races its
     * cancel (reproduced with plain Reactor sources for {@code publishOn} and {@code flatMap}); the bridge itself
     * signals or discards each element it took once.
     */
    private static List<Integer> eventuallyAccounted(int total, List<Integer> delivered, List<Integer> discarded,
                                                     List<Integer> rest) {
        eventually().until(() -> delivered.size() + discarded.stream().distinct().count() + rest.size() >= total);
        return discarded.stream().distinct().toList();
    }

    // ---------------------------------------------------------------- 1. resubscription

    static Stream<Arguments> capacitiesAndResubscriptions() {
        return capacities().boxed().flatMap(c -> Stream.of(
                Arguments.of(c, Named.of("the same Flux", true)),
                Arguments.of(c, Named.of("a new flux(ch) each round", false))));
    }

    @ParameterizedTest(name = "capacity {0}, {1}")
    @MethodSource("capacitiesAndResubscriptions")
    void takeOneBlockFirstInALoopGivesTheNextNumberEachRound(int capacity, boolean sameFlux) throws Exception {
        Endless feed = NumberChannels.endless(capacity);
        Flux<Integer> shared = ReactorChannels.flux(feed.channel);
        for (int round = 0; round < ROUNDS; round++) {
            Flux<Integer> flux = sameFlux ? shared : ReactorChannels.flux(feed.channel);
            // take(1) cancels from inside onNext; the next round subscribes while that emitter may still be in it.
            assertEquals(round, flux.take(1).blockFirst(WAIT), "round " + round);
        }
        int sent = feed.stop();
        assertEquals(range(ROUNDS, sent - 1), shared.collectList().block(WAIT), "the rest, still in the channel");
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("tenElementCapacities")
    void retryAfterADownstreamErrorContinuesWithTheElementsLeft(int capacity) {
        Finite ten = NumberChannels.finite(capacity, 10);
        ten.closeWhenSent();
        AtomicInteger subscriptions = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        List<Integer> got = ReactorChannels.flux(ten.channel)
                .doOnSubscribe(s -> subscriptions.incrementAndGet())
                .map(v -> {
                    if (v == 3 && failed.compareAndSet(false, true)) {
                        throw new IllegalStateException("the third element fails, once");
                    }
                    return v;
                })
                .retry(1) // resubscribes from inside the failing onNext
                .collectList()
                .block(WAIT);
        assertEquals(List.of(1, 2, 4, 5, 6, 7, 8, 9, 10), got, "3 was the failed subscription's; 4 comes next");
        assertEquals(2, subscriptions.get());
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("tenElementCapacities")
    void repeatContinuesWhereTheLastSubscriptionStopped(int capacity) {
        Finite ten = NumberChannels.finite(capacity, 10);
        ten.closeWhenSent();
        Flux<Integer> flux = ReactorChannels.flux(ten.channel);
        assertEquals(range(1, 10), flux.take(2).repeat(4).collectList().block(WAIT), "five rounds of two");
        assertEquals(List.of(), flux.collectList().block(WAIT));
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("tenElementCapacities")
    void aSecondSubscriberWhileTheFirstIsActiveGetsIllegalStateException(int capacity) {
        Finite ten = NumberChannels.finite(capacity, 10);
        Flux<Integer> flux = ReactorChannels.flux(ten.channel);
        List<Integer> first = new CopyOnWriteArrayList<>();
        BaseSubscriber<Integer> firstSubscriber = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription s) {
                request(1);
            }

            @Override
            protected void hookOnNext(Integer v) {
                first.add(v);
            }
        };
        flux.map(v -> v).subscribe(firstSubscriber);
        eventually().until(() -> first.size() == 1); // active, its demand spent

        StepVerifier.create(flux.filter(v -> true))
                .expectErrorSatisfies(e -> {
                    assertInstanceOf(IllegalStateException.class, e);
                    assertTrue(e.getMessage().contains("one subscriber at a time"), e.getMessage());
                })
                .verify(WAIT);

        firstSubscriber.request(1); // the first one goes on as if nothing happened
        eventually().until(() -> first.size() == 2);
        assertEquals(List.of(1, 2), first);
        firstSubscriber.cancel(); // while its emitter waits for demand: nothing in flight
        ten.closeWhenSent();
        assertEquals(range(3, 10), flux.collectList().block(WAIT), "served once the first was cancelled");
    }

    // ---------------------------------------------------------------- 2. what a cancel leaves in the channel

    /**
     * An operator chain that cancels the channel Flux, what it delivers, and how many it may give to the discard
     * hook: none for a cancel from inside {@code onNext}, else at most what it prefetched beyond what it delivered.
     */
    record Cancelling(Function<Flux<Integer>, Flux<Integer>> chain, List<Integer> delivered, int mayDiscard) {
    }

    static Stream<Arguments> cancellingChainsAndCapacities() {
        List<Named<Cancelling>> chains = List.of(
                // a cancel from inside onNext: nothing lost, nothing discarded
                Named.of("takeUntil(v == 2)", new Cancelling(f -> f.takeUntil(v -> v == 2), List.of(1, 2), 0)),
                Named.of("take(3)", new Cancelling(f -> f.take(3), List.of(1, 2, 3), 0)),
                Named.of("next()", new Cancelling(f -> f.next().flux(), List.of(1), 0)),
                // an operator's prefetch: delivered or discarded by it, at most its prefetch
                Named.of("limitRate(4).take(5)", new Cancelling(f -> f.limitRate(4).take(5), range(1, 5), 4)),
                Named.of("publishOn(parallel, 1).take(5)",
                        new Cancelling(f -> f.publishOn(Schedulers.parallel(), 1).take(5), range(1, 5), 1)),
                Named.of("publishOn(parallel, 4).take(5)",
                        new Cancelling(f -> f.publishOn(Schedulers.parallel(), 4).take(5), range(1, 5), 4)),
                Named.of("publishOn(parallel).take(5)",
                        new Cancelling(f -> f.publishOn(Schedulers.parallel()).take(5), range(1, 5), 5)));
        return chains.stream().flatMap(c -> tenElementCapacities().mapToObj(cap -> Arguments.of(c, cap)));
    }

    @ParameterizedTest(name = "{0}, capacity {1}")
    @MethodSource("cancellingChainsAndCapacities")
    void whatACancelLeavesIsDeliveredDiscardedOrStillInTheChannel(Cancelling c, int capacity) {
        Finite ten = NumberChannels.finite(capacity, 10);
        Flux<Integer> flux = ReactorChannels.flux(ten.channel);
        List<Integer> discarded = new CopyOnWriteArrayList<>();
        List<Integer> delivered = c.chain().apply(flux)
                .doOnDiscard(Integer.class, discarded::add)
                .collectList()
                .block(WAIT);
        assertEquals(c.delivered(), delivered);
        ten.closeWhenSent();
        // The same Flux: served once the cancelled emitter returned, so after its element in flight, if any.
        List<Integer> rest = flux.collectList().block(WAIT);
        // An operator on another thread (publishOn's worker) may still be discarding its queue: wait for all ten.
        List<Integer> dropped = eventuallyAccounted(10, delivered, discarded, rest);
        assertExactlyOnce(ten.all, delivered, dropped, rest);
        assertTrue(dropped.size() <= c.mayDiscard(), "discarded " + dropped + ", more than the prefetch");
        assertEquals(range(11 - rest.size(), 10), rest, "the channel keeps its tail, in order");
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("tenElementCapacities")
    void aCancelFromInsideOnNextLeavesTheRestToTheChannelsOtherReceivers(int capacity) throws Exception {
        Finite ten = NumberChannels.finite(capacity, 10);
        assertEquals(List.of(1, 2), ReactorChannels.flux(ten.channel).takeUntil(v -> v == 2).collectList().block(WAIT));
        assertEquals(3, ten.channel.receive(WAIT).value(), "the next element, to a plain receive");
        ten.closeWhenSent();
        assertEquals(range(4, 10), ReactorChannels.flux(ten.channel).collectList().block(WAIT), "to a new publisher");
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("capacities")
    void unboundedDemandCancelledFromAnotherThreadLosesAtMostTheElementInFlightToTheDiscardHook(int capacity)
            throws Exception {
        Endless feed = NumberChannels.endless(capacity);
        Flux<Integer> flux = ReactorChannels.flux(feed.channel);
        List<List<Integer>> delivered = new ArrayList<>();
        List<List<Integer>> discarded = new ArrayList<>();
        for (int round = 0; round < 30; round++) {
            List<Integer> got = new CopyOnWriteArrayList<>();
            List<Integer> dropped = new CopyOnWriteArrayList<>();
            delivered.add(got);
            discarded.add(dropped);
            CountDownLatch some = new CountDownLatch(1);
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            Disposable subscription = flux
                    .doOnNext(v -> {
                        got.add(v); // also an onNext under way when the cancel arrives (§2.8)
                        some.countDown();
                    })
                    .doOnDiscard(Integer.class, dropped::add)
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
        // deliveries and discards are recorded by then. No operator in between: only the bridge discards here.
        List<Integer> rest = flux.collectList().block(WAIT);
        List<Integer> sequence = new ArrayList<>();
        for (int round = 0; round < delivered.size(); round++) {
            assertTrue(discarded.get(round).size() <= 1, "round " + round + " discarded " + discarded.get(round));
            sequence.addAll(delivered.get(round));
            sequence.addAll(discarded.get(round)); // the element in flight came after the last delivered
        }
        sequence.addAll(rest);
        assertEquals(range(0, sent - 1), sequence, "delivered, discarded or still in the channel: in order, once");
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
                Arguments.of(Named.of("awaitFirst", (Awaiting) ReactorChannels::awaitFirst), 100, 1, List.of(1L), 1),
                Arguments.of(Named.of("awaitFirst(timeout)",
                        (Awaiting) (ctx, p) -> ReactorChannels.awaitFirst(ctx, p, WAIT)), 100, 1, List.of(1L), 1),
                Arguments.of(Named.of("awaitFirstOrNull", (Awaiting) ReactorChannels::awaitFirstOrNull),
                        100, 1, List.of(1L), 1),
                Arguments.of(Named.of("awaitFirstOrNull of nothing", (Awaiting) ReactorChannels::awaitFirstOrNull),
                        0, null, List.of(1L), 0),
                Arguments.of(Named.of("awaitFirstOrDefault",
                        (Awaiting) (ctx, p) -> ReactorChannels.awaitFirstOrDefault(ctx, p, -1)),
                        100, 1, List.of(1L), 1),
                Arguments.of(Named.of("awaitFirstOrDefault of nothing",
                        (Awaiting) (ctx, p) -> ReactorChannels.awaitFirstOrDefault(ctx, p, -1)),
                        0, -1, List.of(1L), 0),
                Arguments.of(Named.of("awaitSingle", (Awaiting) ReactorChannels::awaitSingle), 1, 1, List.of(2L), 0),
                Arguments.of(Named.of("awaitSingleOrNull", (Awaiting) ReactorChannels::awaitSingleOrNull),
                        1, 1, List.of(2L), 0),
                Arguments.of(Named.of("awaitOptional", (Awaiting) ReactorChannels::awaitOptional),
                        1, Optional.of(1), List.of(2L), 0),
                Arguments.of(Named.of("awaitLast", (Awaiting) ReactorChannels::awaitLast), 100, 100, List.of(all), 0),
                Arguments.of(Named.of("awaitList", (Awaiting) ReactorChannels::awaitList),
                        3, List.of(1, 2, 3), List.of(all), 0));
    }

    @ParameterizedTest(name = "{0} of {1}")
    @MethodSource("awaits")
    void eachAwaitRequestsExactlyWhatItNeedsInOneRequest(Awaiting call, int elements, Object expected,
                                                         List<Long> requests, int cancels) throws Exception {
        List<Long> requested = new CopyOnWriteArrayList<>();
        AtomicInteger cancelled = new AtomicInteger();
        Flux<Integer> source = Flux.range(1, elements)
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
        Flux<Integer> source = Flux.range(1, 100).doOnRequest(requested::add).doOnCancel(cancelled::incrementAndGet);
        assertThrows(IndexOutOfBoundsException.class, () -> ReactorChannels.awaitSingle(Context.background(), source));
        assertEquals(List.of(2L), requested);
        assertEquals(1, cancelled.get());
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("tenElementCapacities")
    void awaitFirstOfAChannelFluxTakesOneElementAndLeavesTheRest(int capacity) throws Exception {
        Finite ten = NumberChannels.finite(capacity, 10);
        Flux<Integer> flux = ReactorChannels.flux(ten.channel);
        for (int i = 1; i <= 4; i++) {
            assertEquals(i, ReactorChannels.awaitFirst(Context.background(), flux));
        }
        assertEquals(5, ReactorChannels.awaitFirstOrNull(Context.background(), flux));
        assertEquals(6, ReactorChannels.awaitFirstOrDefault(Context.background(), flux, -1));
        ten.closeWhenSent();
        assertEquals(range(7, 10), ReactorChannels.awaitList(Context.background(), flux));
        assertNull(ReactorChannels.awaitFirstOrNull(Context.background(), flux), "closed and drained");
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
    void flatMapOverSeveralChannelFluxes(int capacity) {
        List<Finite> feeds = closedFeeds(4, capacity, 200);
        assertEachFeedOnceInOrder(feeds, Flux.fromIterable(feeds)
                .flatMap(f -> ReactorChannels.flux(f.channel))
                .collectList().block(WAIT));
        List<Finite> more = closedFeeds(4, capacity, 200);
        assertEachFeedOnceInOrder(more, Flux.fromIterable(more)
                .flatMap(f -> ReactorChannels.flux(f.channel), 2, 8) // two at a time, prefetch 8
                .collectList().block(WAIT));
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("capacities")
    void flatMapCancelledByTakeLeavesEveryOtherElementDiscardedOrInItsChannel(int capacity) {
        List<Finite> feeds = new ArrayList<>();
        List<Flux<Integer>> fluxes = new ArrayList<>();
        // Reactor's flatMap may cancel its inners from its drain loop, after take's onComplete: wait for the cancels
        // of those it subscribed before resubscribing, or the resubscriber meets an active subscription (§1.9, §2.5).
        AtomicInteger subscribed = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        for (int p = 0; p < 4; p++) {
            feeds.add(NumberChannels.finite(capacity, p * 100 + 1, (p + 1) * 100));
            fluxes.add(ReactorChannels.flux(feeds.get(p).channel));
        }
        List<Integer> discarded = new CopyOnWriteArrayList<>();
        List<Integer> delivered = Flux.fromIterable(fluxes)
                .flatMap(f -> Flux.defer(() -> {
                    subscribed.incrementAndGet();
                    return f.doFinally(signal -> ended.incrementAndGet());
                }), 4, 8)
                .take(150) // cancels the inner subscriptions from whichever emitter delivered the 150th
                .doOnDiscard(Integer.class, discarded::add)
                .collectList().block(WAIT);
        assertEquals(150, delivered.size());
        eventually().until(() -> ended.get() == subscribed.get()); // every inner subscribed was cancelled
        List<Integer> rest = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            Finite f = feeds.get(p);
            f.closeWhenSent();
            List<Integer> left = fluxes.get(p).collectList().block(WAIT); // after the cancelled emitter returned
            assertEquals(f.all.subList(f.all.size() - left.size(), f.all.size()), left, "each channel keeps its tail");
            rest.addAll(left);
            all.addAll(f.all);
        }
        List<Integer> dropped = eventuallyAccounted(400, delivered, discarded, rest);
        assertExactlyOnce(all, delivered, dropped, rest);
        assertTrue(dropped.size() <= 4 * 8, "at most each inner's prefetch: " + dropped);
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("capacities")
    void zipPairsTwoChannelFluxesElementByElement(int capacity) {
        Finite a = NumberChannels.finite(capacity, 1, 300);
        Finite b = NumberChannels.finite(capacity, 1001, 1300);
        a.closeWhenSent();
        b.closeWhenSent();
        List<Tuple2<Integer, Integer>> pairs =
                Flux.zip(ReactorChannels.flux(a.channel), ReactorChannels.flux(b.channel)).collectList().block(WAIT);
        assertEquals(a.all, pairs.stream().map(Tuple2::getT1).toList());
        assertEquals(b.all, pairs.stream().map(Tuple2::getT2).toList());
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("capacities")
    void zipCancelsTheLongerChannelFluxWhichKeepsWhatZipDidNotTake(int capacity) throws InterruptedException {
        Finite shorter = NumberChannels.finite(capacity, 1, 10);
        Finite longer = NumberChannels.finite(capacity, 101, 140);
        shorter.closeWhenSent();
        Flux<Integer> longerFlux = ReactorChannels.flux(longer.channel);
        CountDownLatch longerCancelled = new CountDownLatch(1); // before resubscribing: see the flatMap test
        List<Integer> discarded = new CopyOnWriteArrayList<>();
        List<Integer> paired = Flux.<Integer, Integer>zip(pair -> (Integer) pair[1], 8, // prefetch 8 of each
                        ReactorChannels.flux(shorter.channel), longerFlux.doFinally(s -> longerCancelled.countDown()))
                .doOnDiscard(Integer.class, discarded::add)
                .collectList().block(WAIT);
        assertEquals(range(101, 110), paired);
        assertTrue(longerCancelled.await(10, TimeUnit.SECONDS));
        longer.closeWhenSent();
        List<Integer> rest = longerFlux.collectList().block(WAIT); // after the cancelled emitter returned
        assertExactlyOnce(longer.all, paired, eventuallyAccounted(40, paired, discarded, rest), rest);
        assertEquals(range(141 - rest.size(), 140), rest, "the channel keeps its tail, in order");
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("capacities")
    void publishOnParallelDeliversEveryElementInOrder(int capacity) {
        Finite many = NumberChannels.finite(capacity, 2_000);
        many.closeWhenSent();
        assertEquals(many.all, ReactorChannels.flux(many.channel)
                .publishOn(Schedulers.parallel())
                .collectList().block(WAIT));
        Finite small = NumberChannels.finite(capacity, 500);
        small.closeWhenSent();
        assertEquals(small.all, ReactorChannels.flux(small.channel)
                .publishOn(Schedulers.parallel(), 4) // requests from the worker, 3 at a time
                .map(v -> v)
                .publishOn(Schedulers.parallel(), 2)
                .collectList().block(WAIT));
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("capacities")
    void concatMapOverChannelFluxesAndOverOneResubscribedFlux(int capacity) {
        List<Finite> feeds = closedFeeds(3, capacity, 200);
        List<Integer> all = new ArrayList<>();
        feeds.forEach(f -> all.addAll(f.all));
        assertEquals(all, Flux.fromIterable(feeds)
                .concatMap(f -> ReactorChannels.flux(f.channel))
                .collectList().block(WAIT));

        Finite ten = NumberChannels.finite(capacity, 10);
        ten.closeWhenSent();
        Flux<Integer> flux = ReactorChannels.flux(ten.channel);
        // Each inner take(2) completes inside an onNext of its emitter; concatMap subscribes the next one from there.
        assertEquals(range(1, 10), Flux.range(0, 5).concatMap(i -> flux.take(2)).collectList().block(WAIT));
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
                        lists.add(ReactorChannels.awaitList(ctx, ReactorChannels.flux(f.channel).map(v -> v)));
                    } catch (Throwable t) {
                        errors.add(t);
                    } finally {
                        done.countDown();
                    }
                });
            }
            Flux<Integer> shared = ReactorChannels.flux(oneByOne.channel);
            Go.go(() -> {
                try {
                    for (Integer v; (v = ReactorChannels.awaitFirstOrNull(ctx, shared)) != null; ) {
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
}
