package io.chanflow.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Go;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.test.CheckGoroutineLeaks;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;

/** The await engine, by contract, in the plain dialect: what it requests, what it returns, how it gives up. */
@CheckGoroutineLeaks
class AwaitTest {

    /** A synchronous publisher of {@code 1..n} that records every request and cancel. */
    static final class Range implements Publisher<Integer> {
        final int n;
        final List<Long> requests = new CopyOnWriteArrayList<>();
        volatile boolean cancelled;

        Range(int n) {
            this.n = n;
        }

        @Override
        public void subscribe(org.reactivestreams.Subscriber<? super Integer> s) {
            s.onSubscribe(new org.reactivestreams.Subscription() {
                long requested;
                int next = 1;
                boolean emitting;

                @Override
                public void request(long k) {
                    requests.add(k);
                    requested = requested + k < 0 ? Long.MAX_VALUE : requested + k;
                    if (emitting) {
                        return; // §3.3: the outer loop emits
                    }
                    emitting = true;
                    while (requested > 0 && next <= n && !cancelled) {
                        requested--;
                        s.onNext(next++);
                    }
                    if (next > n && !cancelled) {
                        cancelled = true;
                        s.onComplete();
                    }
                    emitting = false;
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }
    }

    /** A publisher the test drives by hand. */
    static <T> RecordingPublisher<T> manual() {
        return new RecordingPublisher<>();
    }

    static <T> Publisher<T> rs(RecordingPublisher<T> p) {
        return FlowAdapters.toPublisher(p);
    }

    @Nested
    class Requests {
        @Test
        void firstRequestsExactlyOneAndCancelsAfterIt() throws Exception {
            Range source = new Range(100);
            assertEquals(1, Await.first(Context.background(), source, Await.FLOW));
            assertEquals(List.of(1L), source.requests);
            assertTrue(source.cancelled);
        }

        @Test
        void singleRequestsExactlyTwo() throws Exception {
            Range one = new Range(1);
            assertEquals(1, Await.single(Context.background(), one, Await.FLOW));
            assertEquals(List.of(2L), one.requests);

            Range two = new Range(2);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Await.single(Context.background(), two, Await.FLOW));
            assertTrue(e.getMessage().contains("more than one"), e.getMessage());
            assertEquals(List.of(2L), two.requests);
            assertTrue(two.cancelled);
        }

        @Test
        void lastAndListRequestEverythingOnce() throws Exception {
            Range a = new Range(1000);
            assertEquals(1000, Await.last(Context.background(), a, Await.FLOW));
            assertEquals(List.of(Long.MAX_VALUE), a.requests);
            Range b = new Range(1000);
            assertEquals(1000, Await.list(Context.background(), b, Await.FLOW).size());
            assertEquals(List.of(Long.MAX_VALUE), b.requests);
        }
    }

    @Nested
    class Outcomes {
        @Test
        void emptyPublisherThrowsTheDialectsEmptyOrGivesTheDefault() throws Exception {
            assertThrows(NoSuchElementException.class, () -> Await.first(Context.background(), new Range(0), Await.FLOW));
            assertThrows(NoSuchElementException.class, () -> Await.single(Context.background(), new Range(0), Await.FLOW));
            assertThrows(NoSuchElementException.class, () -> Await.last(Context.background(), new Range(0), Await.FLOW));
            assertEquals(List.of(), Await.list(Context.background(), new Range(0), Await.FLOW));
            assertEquals(7, Await.firstOrElse(Context.background(), new Range(0), 7, Await.FLOW));
            assertNull(Await.singleOrElse(Context.background(), new Range(0), null, Await.FLOW));
        }

        @Test
        void publishersErrorIsThrownUncheckedAsItIsCheckedWrapped() throws Exception {
            IllegalStateException boom = new IllegalStateException("boom");
            RecordingPublisher<Integer> p = manual();
            Go.go(() -> {
                Awaitility.await().until(() -> !p.requests.isEmpty());
                p.fail(boom);
            });
            assertSame(boom, assertThrows(IllegalStateException.class,
                    () -> Await.first(Context.background(), rs(p), Await.FLOW)));

            IOException io = new IOException("io");
            RecordingPublisher<Integer> q = manual();
            Go.go(() -> {
                Awaitility.await().until(() -> !q.requests.isEmpty());
                q.fail(io);
            });
            CompletionException wrapped = assertThrows(CompletionException.class,
                    () -> Await.list(Context.background(), rs(q), Await.FLOW));
            assertSame(io, wrapped.getCause());
        }

        @Test
        void signalsFromAnotherThreadAreSeenByTheWaiter() throws Exception {
            RecordingPublisher<Integer> p = manual();
            Go.go(() -> {
                Awaitility.await().until(() -> !p.requests.isEmpty());
                for (int i = 1; i <= 500; i++) {
                    p.next(i);
                }
                p.complete();
            });
            List<Integer> all = Await.list(Context.background(), rs(p), Await.FLOW);
            assertEquals(500, all.size());
            assertEquals(500, all.get(499));
        }
    }

    @Nested
    class GivingUp {
        @Test
        void aContextDoneOnEntrySubscribesNothing() {
            CancelContext ctx = Context.withCancel(Context.background());
            ctx.cancel();
            RecordingPublisher<Integer> p = manual();
            assertSame(Context.CANCELED, assertThrows(java.util.concurrent.CancellationException.class,
                    () -> Await.first(ctx, rs(p), Await.FLOW)));
            assertNull(p.subscriber, "nothing subscribed");
        }

        @Test
        void aContextCancelledWhileWaitingCancelsTheSubscription() throws Exception {
            CancelContext ctx = Context.withCancel(Context.background());
            RecordingPublisher<Integer> p = manual();
            Go.go(() -> {
                Awaitility.await().until(() -> !p.requests.isEmpty());
                ctx.cancel();
            });
            assertSame(Context.CANCELED, assertThrows(java.util.concurrent.CancellationException.class,
                    () -> Await.first(ctx, rs(p), Await.FLOW)));
            assertTrue(p.cancelled);
            assertEquals(List.of(1L), p.requests);
        }

        @Test
        void aDeadlineEndsTheWaitWithDeadlineExceeded() {
            RecordingPublisher<Integer> p = manual();
            try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(20))) {
                assertSame(Context.DEADLINE_EXCEEDED, assertThrows(java.util.concurrent.CancellationException.class,
                        () -> Await.last(ctx, rs(p), Await.FLOW)));
            }
            assertTrue(p.cancelled);
        }

        @Test
        void anInterruptCancelsTheSubscription() throws Exception {
            RecordingPublisher<Integer> p = manual();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread waiter = Go.go(() -> {
                try {
                    Await.first(Context.background(), rs(p), Await.FLOW);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            Awaitility.await().until(() -> !p.requests.isEmpty());
            waiter.interrupt();
            waiter.join();
            assertInstanceOf(InterruptedException.class, thrown.get());
            assertTrue(p.cancelled);
        }

        @Test
        void anElementOrErrorAfterTheCancelGoesToTheHooks() throws Exception {
            List<Object> discarded = new CopyOnWriteArrayList<>();
            List<Throwable> dropped = new CopyOnWriteArrayList<>();
            Await.Dialect recording = new Await.Dialect() {
                @Override
                public RuntimeException empty() {
                    return Await.FLOW.empty();
                }

                @Override
                public RuntimeException moreThanOne() {
                    return Await.FLOW.moreThanOne();
                }

                @Override
                public RuntimeException failed(Throwable error) {
                    return Await.FLOW.failed(error);
                }

                @Override
                public void errorDropped(Throwable error) {
                    dropped.add(error);
                }

                @Override
                public void elementDiscarded(Object element) {
                    discarded.add(element);
                }
            };
            RecordingPublisher<Integer> p = manual();
            Go.go(() -> {
                Awaitility.await().until(() -> !p.requests.isEmpty());
                p.next(1);
                p.next(2); // §1.1 broken, or §2.8: after the await's cancel
                p.fail(new IllegalStateException("late"));
            });
            assertEquals(1, Await.first(Context.background(), rs(p), recording));
            Awaitility.await().until(() -> dropped.size() == 1);
            assertEquals(List.of(2), discarded);
            assertFalse(dropped.isEmpty());
        }
    }
}
