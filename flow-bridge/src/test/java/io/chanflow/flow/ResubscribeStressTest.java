package io.chanflow.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.WaitGroup;
import io.chanflow.test.CheckGoroutineLeaks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many producers, one unicast publisher, subscription after subscription cancelled from inside {@code onNext} or
 * from another thread while elements flow: every element sent arrives exactly once — delivered, or (at most one per
 * cancel from another thread, the element in flight) given to the discard hook — and none is left behind.
 */
@CheckGoroutineLeaks
class ResubscribeStressTest {
    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = 20_000;

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 16, 256})
    void everyElementArrivesExactlyOnceAcrossSubscriptions(int capacity) throws Exception {
        Channel<Integer> ch = Channel.make(capacity);
        WaitGroup producers = new WaitGroup();
        producers.add(PRODUCERS);
        for (int p = 0; p < PRODUCERS; p++) {
            int base = p * PER_PRODUCER;
            Go.go(() -> {
                try {
                    for (int i = 0; i < PER_PRODUCER; i++) {
                        ch.send(base + i);
                    }
                } finally {
                    producers.done();
                }
            });
        }
        Go.go(() -> {
            producers.await();
            ch.close();
        });
        List<Object> discarded = new CopyOnWriteArrayList<>();
        ChannelPublisher<Integer> publisher = FlowChannels.publish(null, ch, ChannelPublisherTest.discarding(discarded));
        List<Round> rounds = new ArrayList<>();
        int crossThreadCancels = 0;
        for (int round = 0; ; round++) {
            boolean fromOutside = round % 3 == 2;
            Round r = new Round(ThreadLocalRandom.current().nextInt(1, 40), !fromOutside);
            rounds.add(r);
            publisher.subscribe(r); // served at once, even while the previous emitter is in its last onNext
            if (fromOutside) {
                crossThreadCancels++;
                r.awaitSomeOrEnd();
                r.subscription.cancel(); // from this thread, while the emitter may be receiving
            } else {
                assertTrue(r.ended.await(20, TimeUnit.SECONDS), "round " + round + " did not end");
            }
            if (r.completed) {
                break;
            }
        }
        // The last round completed, so every earlier emitter has returned (each waits for its predecessor).
        Leaks.awaitNoGoroutines();
        List<Integer> delivered = new ArrayList<>();
        for (Round r : rounds) {
            assertEquals(List.of(), r.errors);
            assertTrue(!r.cancelInside || r.items.size() <= r.k, "onNext after the cancel from inside onNext");
            delivered.addAll(r.items);
        }
        Set<Object> seen = new HashSet<>();
        List<Object> all = new ArrayList<>(delivered);
        all.addAll(discarded);
        for (Object o : all) {
            assertTrue(seen.add(o), "duplicate " + o);
        }
        assertEquals(PRODUCERS * PER_PRODUCER, seen.size(), "every sent element delivered or discarded");
        assertTrue(discarded.size() <= crossThreadCancels,
                discarded.size() + " discarded for " + crossThreadCancels + " cancels from another thread");
        // Each producer's elements arrive in its send order (Go's FIFO per sender), across subscriptions.
        int[] last = new int[PRODUCERS];
        java.util.Arrays.fill(last, -1);
        for (int v : delivered) {
            int p = v / PER_PRODUCER;
            assertTrue(v > last[p], "producer " + p + " out of order: " + v + " after " + last[p]);
            last[p] = v;
        }
    }

    /** One subscription: takes {@code k} elements and cancels from inside onNext, or just receives until cancelled. */
    private static final class Round implements Flow.Subscriber<Integer> {
        final List<Integer> items = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        final CountDownLatch some = new CountDownLatch(1);
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final int k;
        final boolean cancelInside;
        volatile Flow.Subscription subscription;
        volatile boolean completed;

        Round(int k, boolean cancelInside) {
            this.k = k;
            this.cancelInside = cancelInside;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(cancelInside ? k : Long.MAX_VALUE);
        }

        @Override
        public void onNext(Integer item) {
            items.add(item);
            some.countDown();
            if (cancelInside && items.size() == k) {
                subscription.cancel();
                ended.countDown(); // nothing more may come: a later onNext would be recorded and caught below
            }
        }

        @Override
        public void onError(Throwable t) {
            errors.add(t);
            ended.countDown();
        }

        @Override
        public void onComplete() {
            completed = true;
            ended.countDown();
        }

        void awaitSomeOrEnd() throws InterruptedException {
            for (int i = 0; i < 20_000 && some.getCount() > 0 && ended.getCount() > 0; i++) {
                some.await(1, TimeUnit.MILLISECONDS); // an element arrived, or the channel was drained
            }
        }
    }
}
