package io.chanflow.rxjava3;

import static io.chanflow.flow.NumberChannels.assertExactlyOnce;
import static io.chanflow.flow.NumberChannels.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Go;
import io.chanflow.context.Context;
import io.chanflow.flow.NumberChannels;
import io.chanflow.flow.NumberChannels.Endless;
import io.chanflow.test.CheckGoroutineLeaks;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RxJava has no discard hook, so the {@code flowable} overloads that take an {@code onDiscard} give the elements a
 * cancel cannot leave in a channel to it: none is let go silently.
 */
@CheckGoroutineLeaks
class DiscardHookTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @AfterEach
    void resetPlugins() {
        RxJavaPlugins.setErrorHandler(null);
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 16})
    void aChannelFlowableGivesTheElementInFlightToTheHookSoEveryElementIsAccountedFor(int capacity)
            throws Exception {
        Endless feed = NumberChannels.endless(capacity);
        List<Integer> discarded = new CopyOnWriteArrayList<>();
        Flowable<Integer> flowable = RxChannels.flowable(feed.channel, discarded::add);
        List<Integer> delivered = new ArrayList<>();
        for (int round = 0; round < 30; round++) {
            List<Integer> got = new CopyOnWriteArrayList<>();
            CountDownLatch some = new CountDownLatch(1);
            int discardedBefore = discarded.size();
            Disposable subscription = flowable
                    .doOnNext(v -> {
                        got.add(v);
                        some.countDown();
                    })
                    .subscribe(); // Long.MAX_VALUE
            assertTrue(some.await(10, TimeUnit.SECONDS), "round " + round + " received nothing");
            subscription.dispose(); // from this thread, while the emitter receives and signals
            // The emitter returned (only the feed's goroutine is left): the hook has run by then, if it had to.
            Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(WAIT).until(() -> Go.numGoroutine() == 1);
            assertTrue(discarded.size() - discardedBefore <= 1, "round " + round + ": " + discarded);
            delivered.addAll(got);
        }
        int sent = feed.stop();
        List<Integer> rest = flowable.toList().blockingGet();
        assertExactlyOnce(range(0, sent - 1), delivered, discarded, rest);
    }

    @Test
    void aProducerGivesWhatItSentAheadOfDemandToTheHook() throws Exception {
        List<Integer> discarded = new CopyOnWriteArrayList<>();
        CountDownLatch allSent = new CountDownLatch(1);
        Flowable<Integer> flowable = RxChannels.flowable(Context.background(), 8, discarded::add, (ctx, out) -> {
            for (int i = 1; i <= 8; i++) {
                out.send(i); // the first goes to the subscriber's one request, seven wait in the buffer
            }
            allSent.countDown();
        });
        TestSubscriber<Integer> ts = flowable.test(1);
        ts.awaitCount(1);
        assertTrue(allSent.await(10, TimeUnit.SECONDS));
        ts.cancel();
        Awaitility.await().atMost(WAIT).until(() -> discarded.size() == 7);
        assertEquals(range(2, 8), discarded);
        ts.assertValues(1);
    }

    @Test
    void whatTheHookThrowsGoesToRxJavaPlugins() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        RxJavaPlugins.setErrorHandler(errors::add);
        CountDownLatch allSent = new CountDownLatch(1);
        Flowable<Integer> flowable = RxChannels.flowable(Context.background(), 2, v -> {
            throw new IllegalStateException("cannot release " + v);
        }, (ctx, out) -> {
            out.send(1);
            out.send(2);
            allSent.countDown();
        });
        TestSubscriber<Integer> ts = flowable.test(0);
        assertTrue(allSent.await(10, TimeUnit.SECONDS));
        ts.cancel();
        Awaitility.await().atMost(WAIT).until(() -> errors.size() == 2);
        List<String> messages = errors.stream().map(e -> String.valueOf(e.getCause() != null ? e.getCause().getMessage()
                : e.getMessage())).sorted().toList();
        assertEquals(List.of("cannot release 1", "cannot release 2"), messages);
    }
}
