package io.chanflow.rxjava3;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.ReceiveChannel;
import io.chanflow.Received;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.patterns.Patterns;
import io.chanflow.test.CheckGoroutineLeaks;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bridge's two uses, end to end: a goroutine pipeline inside a reactive app, and a Flowable feeding one. */
@CheckGoroutineLeaks
class IntegrationTest {
    @RegisterExtension
    final PluginErrors plugin = new PluginErrors();

    /** A goroutine pipeline: numbers generated, squared by 4 workers; its output channel closes when done. */
    private static ReceiveChannel<Integer> squares(Context ctx, int n) {
        ReceiveChannel<Integer> numbers = Patterns.generate(ctx, 0, out -> {
            for (int i = 1; i <= n; i++) {
                out.send(ctx, i);
            }
        });
        return Patterns.map(ctx, numbers, 4, x -> x * x);
    }

    @Test
    void aGoroutinePipelinesOutputThroughRxJavaOperators() {
        CancelContext ctx = Context.withCancel(Context.background());
        TestSubscriber<Integer> ts = RxChannels.flowable(ctx, squares(ctx, 100))
                .filter(sq -> sq % 2 == 0) // even squares: those of 2, 4, ..., 100
                .observeOn(Schedulers.computation(), false, 8)
                .buffer(10)
                .map(batch -> batch.stream().mapToInt(Integer::intValue).sum())
                .test();
        ts.awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoErrors();
        assertEquals(5, ts.values().size(), "50 even squares in batches of 10");
        int expected = IntStream.rangeClosed(1, 50).map(k -> 4 * k * k).sum();
        assertEquals(expected, ts.values().stream().mapToInt(Integer::intValue).sum());
        ctx.cancel();
    }

    @Test
    void aReactiveTakeStopsTheWholeGoroutinePipeline() {
        CancelContext ctx = Context.withCancel(Context.background());
        TestSubscriber<Integer> ts = RxChannels.flowable(ctx, squares(ctx, Integer.MAX_VALUE))
                .take(20)
                .test();
        ts.awaitDone(10, TimeUnit.SECONDS).assertComplete();
        assertEquals(20, ts.values().size());
        // take's cancel cancelled ctx: the generator and the four workers saw ctx.done() and ended.
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.err() != null);
        PluginErrors.awaitNoGoroutines();
        assertEquals(List.of(), plugin.errors);
    }

    @Test
    void aFlowableFeedsGoroutineWorkers() throws Exception {
        CancelContext ctx = Context.withCancel(Context.background());
        try {
            ReceiveChannel<Integer> in = RxChannels.toChannel(ctx, Flowable.range(1, 1_000), 16);
            ReceiveChannel<String> results = Patterns.map(ctx, in, 4, x -> "item-" + (x * 2));
            Set<String> got = new HashSet<>();
            for (String r : results) {
                got.add(r);
            }
            Set<String> expected = IntStream.rangeClosed(1, 1_000).mapToObj(x -> "item-" + (x * 2))
                    .collect(Collectors.toSet());
            assertEquals(expected, got);
        } finally {
            ctx.cancel();
        }
    }

    @Test
    void cancellingThePipelinesContextCancelsTheFeedingFlowable() throws Exception {
        CancelContext ctx = Context.withCancel(Context.background());
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicLong requested = new AtomicLong();
        Flowable<Integer> endless = Flowable.range(0, Integer.MAX_VALUE)
                .doOnRequest(n -> requested.addAndGet(n))
                .doOnCancel(() -> cancelled.set(true));
        ReceiveChannel<Integer> results = Patterns.map(ctx, RxChannels.toChannel(ctx, endless, 8), 3, x -> x + 1);
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            first.add(results.receive());
        }
        assertEquals(50, first.size());
        ctx.cancel();
        await().atMost(Duration.ofSeconds(10)).until(cancelled::get);
        // Drained: the pipeline's channels close once its goroutines saw the cancellation.
        for (Received<Integer> r = results.receiveOrClosed(); !r.isClosed(); r = results.receiveOrClosed()) {
            first.add(r.value());
        }
        PluginErrors.awaitNoGoroutines();
        // Backpressure held through the pipeline: far fewer requested than the endless range could give.
        assertTrue(requested.get() < 1_000, "requested " + requested.get());
    }
}
