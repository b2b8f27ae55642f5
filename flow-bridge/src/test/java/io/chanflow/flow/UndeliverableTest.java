package io.chanflow.flow;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.test.CheckGoroutineLeaks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the bridge can no longer signal goes to its {@link Undeliverable}, never nowhere. */
@CheckGoroutineLeaks
class UndeliverableTest {

    static final class Recording implements Undeliverable {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final List<Object> discarded = new CopyOnWriteArrayList<>();

        @Override
        public void errorDropped(Throwable error) {
            errors.add(error);
        }

        @Override
        public void elementDiscarded(Object element) {
            discarded.add(element);
        }
    }

    @Test
    void elementsBufferedAheadOfACancelAreDiscarded() throws Exception {
        Recording u = new Recording();
        CountDownLatch full = new CountDownLatch(1);
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(1);
        FlowChannels.<Integer>produce(Context.background(), 4, u, (ctx, out) -> {
            for (int i = 0; i < 5; i++) {
                out.send(i); // 1 delivered, 4 buffered
            }
            full.countDown();
            out.send(99); // blocks: no demand, buffer full
        }).subscribe(s);
        assertTrue(full.await(10, TimeUnit.SECONDS));
        s.awaitItems(1);
        s.subscription.cancel();
        Leaks.awaitNoGoroutines();
        assertEquals(List.of(0), s.items);
        assertEquals(List.of(1, 2, 3, 4), u.discarded, "in order, each once");
        assertEquals(List.of(), u.errors, "the body's CancellationException is the expected end, not a loss");
    }

    @Test
    void aBodyFailingAfterTheCancelReportsItsError() throws Exception {
        Recording u = new Recording();
        java.io.IOException late = new java.io.IOException("stream closed under us");
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(1);
        FlowChannels.<Integer>produce(Context.background(), 0, u, (ctx, out) -> {
            out.send(0);
            try {
                out.send(1);
            } catch (java.util.concurrent.CancellationException cancelled) {
                throw late; // a failure of its own while shutting down
            }
        }).subscribe(s);
        s.awaitItems(1);
        s.subscription.cancel();
        await().atMost(Duration.ofSeconds(10)).until(() -> !u.errors.isEmpty());
        assertSame(late, u.errors.get(0));
        Leaks.awaitNoGoroutines();
    }

    @Test
    void signalsAfterTheSubscribersContextWasCancelledAreReported() {
        Recording u = new Recording();
        CancelContext ctx = Context.withCancel(Context.background());
        ChannelSubscriber<Integer> sub = new ChannelSubscriber<>(ctx, 4, u);
        RecordingPublisher<Integer> p = new RecordingPublisher<>();
        p.subscribe(sub);
        p.next(1);
        ctx.cancel();
        await().atMost(Duration.ofSeconds(10)).until(() -> p.cancelled);
        p.next(2); // §2.8: allowed after cancel
        IllegalStateException err = new IllegalStateException("late");
        p.fail(err);
        assertEquals(List.of(2), u.discarded);
        assertEquals(List.of(err), u.errors);
        assertEquals(1, sub.channel().len(), "the element buffered before the cancel stays receivable");
    }

    @Test
    void anErrorAnsweringTheCancelIsReportedAndTheChannelKeepsTheContextsCause() {
        Recording u = new Recording();
        CancelContext ctx = Context.withCancel(Context.background());
        ChannelSubscriber<Integer> sub = new ChannelSubscriber<>(ctx, 4, u);
        IllegalStateException reply = new IllegalStateException("cancelled under us");
        sub.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
                sub.onError(reply); // a publisher that answers the cancel at once, on the cancelling thread
            }
        });
        ctx.cancel();
        await().atMost(Duration.ofSeconds(10)).until(() -> !u.errors.isEmpty());
        assertEquals(List.of(reply), u.errors, "the channel was failed before the cancel, so the reply is undeliverable");
        assertSame(Context.CANCELED,
                assertThrows(java.util.concurrent.CancellationException.class, sub.channel()::receive));
    }

    @Test
    void aChannelPublishersThrowingSubscriberIsReportedToTheGivenUndeliverable() {
        Recording u = new Recording();
        io.chanflow.Channel<Integer> ch = io.chanflow.Channel.make(2);
        ch.trySend(1);
        ch.trySend(2);
        IllegalStateException thrown = new IllegalStateException("subscriber bug");
        FlowChannels.publish(null, ch, u).subscribe(new RecordingSubscriber<Integer>(Long.MAX_VALUE) {
            @Override
            public void onNext(Integer item) {
                throw thrown; // §2.13 broken: the engine cancels and reports
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !u.errors.isEmpty());
        assertSame(thrown, u.errors.get(0));
        Leaks.awaitNoGoroutines();
        ch.close();
    }
}
