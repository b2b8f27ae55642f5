package io.chanflow.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.patterns.Patterns;
import io.chanflow.test.CheckGoroutineLeaks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The two uses end to end: a goroutine pipeline as a Flux in a reactive app, and a Flux feeding a pipeline. */
@CheckGoroutineLeaks
class ReactorIntegrationTest {

    @AfterEach
    void resetScheduler() {
        VirtualTimeScheduler.reset();
    }

    @Test
    void aGoroutinePipelinesOutputThroughReactorOperators() {
        CancelContext ctx = Context.withCancel(Context.background());
        Integer[] inputs = IntStream.rangeClosed(1, 20).boxed().toArray(Integer[]::new);
        ReceiveChannel<Integer> source = Patterns.gen(ctx, inputs);
        ReceiveChannel<Integer> squares = Patterns.mapOrdered(ctx, source, 4, x -> x * x);

        Flux<List<String>> app = ReactorChannels.flux(ctx, squares)
                .filter(x -> x % 2 == 0)
                .map(x -> "sq" + x)
                .buffer(3);
        StepVerifier.create(app)
                .expectNext(List.of("sq4", "sq16", "sq36"))
                .expectNext(List.of("sq64", "sq100", "sq144"))
                .expectNext(List.of("sq196", "sq256", "sq324"))
                .expectNext(List.of("sq400"))
                .verifyComplete();
        ctx.cancel();
        Leaks.awaitNoGoroutines();
    }

    @Test
    void aReactiveAppCancellingStopsTheWholePipeline() {
        CancelContext ctx = Context.withCancel(Context.background());
        Channel<Integer> numbers = Channel.make(0);
        Go.go(() -> {
            try {
                for (int i = 0; ; i++) {
                    numbers.send(ctx, i); // endless until the app cancels
                }
            } catch (java.util.concurrent.CancellationException stopped) {
                numbers.close();
            }
        });
        ReceiveChannel<Integer> doubled = Patterns.map(ctx, numbers, 3, x -> 2 * x);
        StepVerifier.create(ReactorChannels.flux(ctx, doubled).take(5))
                .expectNextCount(5)
                .verifyComplete();
        Leaks.awaitNoGoroutines(); // take's cancel cancelled ctx: feeder and workers ended
        assertTrue(ctx.err() != null);
    }

    @Test
    void aFluxIntervalFeedsGoroutineWorkers() throws Exception {
        VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
        try (CancelContext ctx = Context.withCancel(Context.background())) {
            Flux<Long> ticks = Flux.interval(Duration.ofSeconds(1), time).take(10);
            ReceiveChannel<Long> in = ReactorChannels.toChannel(ctx, ticks, 16);
            ReceiveChannel<Long> out = Patterns.map(ctx, in, 3, t -> t * 10);
            List<Long> results = new CopyOnWriteArrayList<>();
            CountDownLatch drained = new CountDownLatch(1);
            Go.go(() -> {
                for (Long r : out) {
                    results.add(r);
                }
                drained.countDown();
            });
            time.advanceTimeBy(Duration.ofSeconds(4));
            Awaitility.await().until(() -> results.size() == 4);
            time.advanceTimeBy(Duration.ofSeconds(6));
            assertTrue(drained.await(10, TimeUnit.SECONDS));
            List<Long> sorted = new ArrayList<>(results);
            sorted.sort(null);
            assertEquals(List.of(0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L), sorted);
        }
        Leaks.awaitNoGoroutines();
    }

    @Test
    void aFastFluxIsHeldBackByTheChannel() throws Exception {
        List<Long> requests = new CopyOnWriteArrayList<>();
        try (CancelContext ctx = Context.withCancel(Context.background())) {
            ReceiveChannel<Integer> in = ReactorChannels.toChannel(ctx,
                    Flux.range(0, 1_000).doOnRequest(requests::add), 32);
            ReceiveChannel<Integer> out = Patterns.map(ctx, in, 4, x -> x + 1);
            long sum = 0;
            for (Integer r : out) {
                sum += r;
            }
            assertEquals(500_500L, sum);
        }
        assertEquals(32L, requests.get(0));
        assertTrue(requests.stream().skip(1).allMatch(n -> n == 24L), "batches of 75 %: " + requests);
        Leaks.awaitNoGoroutines();
    }
}
