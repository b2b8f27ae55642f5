package io.chanflow.context;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.WaitGroup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link Context} contract: roots, cancellation and its propagation, deadlines, values, withoutCancel, the
 * string forms, bad input and the two well-known errors. Ports the scenarios of Go's {@code context} tests.
 */
@Timeout(60)
class ContextTest {
    /** A generous bound for something that should happen promptly. */
    static final Duration WAIT = Duration.ofSeconds(10);
    /** Never reached during a test. */
    static final Duration VERY_LONG = Duration.ofHours(1000);
    /** A short time for a deadline to pass. */
    static final Duration SHORT = Duration.ofMillis(1);

    static final Context BG = Context.background();

    @AfterEach
    void noGoroutineLeft() {
        await().atMost(Duration.ofSeconds(10)).until(() -> Go.numGoroutine() == 0);
    }

    /** Go's {@code select { case <-c.Done(): return true; default: return false }}. */
    static boolean isDone(Context c) {
        return c.done().tryReceive().isClosed();
    }

    /** Waits, generously, for {@code c} to be cancelled; fails if it is not. */
    static void awaitDone(Context c, String what) throws InterruptedException {
        assertTrue(c.done().receive(WAIT).isClosed(), what + ": not done within " + WAIT);
    }

    static CancelCtx internal(Context c) {
        return assertInstanceOf(CancelCtx.class, c);
    }

    @Nested
    class Roots {
        @Test
        void backgroundAndTodoAreNeverCancelledAndCarryNothing() {
            Context.Key<String> k = Context.Key.of("k");
            for (Context c : List.of(Context.background(), Context.todo())) {
                assertSame(Channel.nil(), c.done(), "never ready");
                assertTrue(c.done().tryReceive().wouldBlock());
                assertNull(c.err());
                assertNull(Context.cause(c));
                assertEquals(Optional.empty(), c.deadline());
                assertNull(c.value(k));
            }
            assertSame(Context.background(), Context.background());
            assertSame(Context.todo(), Context.todo());
            assertEquals("context.Background", Context.background().toString());
            assertEquals("context.TODO", Context.todo().toString());
        }
    }

    @Nested
    class WithCancel {
        @Test
        void cancelPropagatesSynchronouslyToChildrenAndThroughWrappers() {
            CancelContext c1 = Context.withCancel(BG);
            assertEquals("context.Background.WithCancel", c1.toString());
            Context o = new Foreign.Wrapper(c1);
            CancelContext c2 = Context.withCancel(o);
            List<Context> contexts = List.of(c1, o, c2);
            for (Context c : contexts) {
                assertNotNull(c.done());
                assertNull(c.err());
                assertFalse(isDone(c), c + " should block");
            }
            assertEquals(0, Go.numGoroutine(), "a wrapper that delegates done() needs no watcher goroutine");

            c1.cancel(); // propagates synchronously
            for (Context c : contexts) {
                assertTrue(isDone(c), c + " not done right after cancel()");
                assertSame(Context.CANCELED, c.err());
            }
            c2.cancel();
        }

        @Test
        void repeatedCallsReturnTheSameThingsAndCancelIsIdempotent() {
            CancelContext c = Context.withCancel(BG);
            ReceiveChannel<Void> d = c.done();
            assertSame(d, c.done());
            c.cancel();
            c.cancel();
            c.close();
            assertSame(d, c.done(), "the channel asked for before cancel is the one closed");
            assertTrue(d.tryReceive().isClosed());
            assertSame(Context.CANCELED, c.err());
            assertSame(c.err(), c.err());
        }

        @Test
        void doneAskedForOnlyAfterCancelIsClosed() {
            CancelContext c = Context.withCancel(BG);
            c.cancel();
            assertTrue(c.done().tryReceive().isClosed());
            assertSame(c.done(), c.done());
        }

        @Test
        void tryWithResourcesPlaysDeferCancel() {
            Context leaked;
            try (CancelContext c = Context.withCancel(BG)) {
                leaked = c;
                assertFalse(isDone(c));
            }
            assertTrue(isDone(leaked));
            assertSame(Context.CANCELED, leaked.err());
        }

        @Test
        void aChildOfACancelledParentIsBornCancelledWithItsErrorAndCause() {
            CancelCauseContext parent = Context.withCancelCause(BG);
            Exception cause = new Exception("Because!");
            parent.cancel(cause);
            CancelContext c = Context.withCancel(parent);
            assertTrue(isDone(c), "child not done immediately upon construction");
            assertSame(Context.CANCELED, c.err());
            assertSame(cause, Context.cause(c));
            assertEquals(0, internal(parent).childCount());

            CancelContext t = Context.withTimeout(Context.withDeadline(BG, Instant.now().minusSeconds(1)), VERY_LONG);
            assertSame(Context.DEADLINE_EXCEEDED, t.err(), "a child of an expired parent inherits its error");
        }

        @Test
        void aChildCreatedWhileItsParentIsBeingCancelledEndsUpCancelledWithTheParentsCause() throws Exception {
            for (int i = 0; i < 200; i++) {
                CancelCauseContext parent = Context.withCancelCause(BG);
                Exception cause = new Exception("Because!");
                Go.go(() -> parent.cancel(cause));
                CancelContext c = Context.withCancel(parent);
                awaitDone(c, "child " + i);
                assertSame(Context.CANCELED, c.err());
                assertSame(cause, Context.cause(c));
            }
        }
    }

    @Nested
    class Propagation {
        @Test
        void parentFinishesChild() {
            CancelContext parent = Context.withCancel(BG);
            CancelContext cancelChild = Context.withCancel(parent);
            Context valueChild = Context.withValue(parent, Context.Key.of("key"), "value");
            CancelContext timerChild = Context.withTimeout(valueChild, VERY_LONG);
            AfterFunc afterStop = Context.afterFunc(parent, () -> { });

            CancelCtx pc = internal(parent);
            assertEquals(3, pc.childCount(), "bad linkage");
            assertTrue(pc.hasChild(cancelChild));
            assertTrue(pc.hasChild(timerChild), "a value context between them is not a link of its own");
            assertTrue(pc.hasChild(afterStop));

            List<Context> all = List.of(parent, cancelChild, valueChild, timerChild);
            for (Context c : all) {
                assertFalse(isDone(c), c + " done before cancel");
                assertNull(c.err());
            }
            parent.cancel();
            for (Context c : all) {
                assertTrue(isDone(c), c + " not done after parent's cancel returned");
                assertSame(Context.CANCELED, c.err());
            }
            assertEquals(0, pc.childCount(), "a cancelled parent forgets its children");
            assertEquals(0, internal(cancelChild).childCount());

            // A child created afterwards is born cancelled.
            CancelContext late = Context.withCancel(parent);
            assertTrue(isDone(late));
            assertSame(Context.CANCELED, late.err());
            assertEquals(0, pc.childCount());
            assertFalse(afterStop.stop(), "its function was started by the cancellation");
            cancelChild.cancel();
            timerChild.cancel();
        }

        @Test
        void childFinishesFirstAndNeverTouchesItsParent() {
            CancelContext cancelable = Context.withCancel(BG);
            for (Context parent : List.of(BG, cancelable)) {
                for (boolean timed : new boolean[] {false, true}) {
                    CancelContext child = timed ? Context.withTimeout(parent, VERY_LONG) : Context.withCancel(parent);
                    if (parent == cancelable) {
                        assertEquals(1, internal(parent).childCount());
                        assertTrue(internal(parent).hasChild(child));
                    }
                    child.cancel();
                    assertSame(Context.CANCELED, child.err());
                    assertTrue(isDone(child));
                    assertFalse(isDone(parent), "cancelling a child cancelled its parent");
                    assertNull(parent.err());
                    if (parent == cancelable) {
                        assertEquals(0, internal(parent).childCount(), "the cancelled child is still linked");
                    }
                }
            }
            cancelable.cancel();
        }

        @Test
        void cancelRemovesTheChildFromItsParent() {
            CancelContext parent = Context.withCancel(BG);
            CancelCtx pc = internal(parent);
            assertEquals(0, pc.childCount());

            CancelContext c = Context.withCancel(parent);
            assertEquals(1, pc.childCount());
            c.cancel();
            assertEquals(0, pc.childCount());

            CancelContext t = Context.withTimeout(parent, VERY_LONG);
            assertEquals(1, pc.childCount());
            t.cancel();
            assertEquals(0, pc.childCount());

            AfterFunc a = Context.afterFunc(parent, () -> { });
            assertEquals(1, pc.childCount());
            assertTrue(a.stop());
            assertEquals(0, pc.childCount());
            parent.cancel();
        }

        @Test
        void aLongLivedParentDoesNotAccumulateShortLivedChildren() {
            CancelContext parent = Context.withTimeout(BG, VERY_LONG);
            CancelCtx pc = internal(parent);
            for (int i = 0; i < 100_000; i++) {
                try (CancelContext child = i % 2 == 0 ? Context.withCancel(parent) : Context.withTimeout(parent, VERY_LONG)) {
                    if (i % 10_000 == 0) {
                        assertEquals(1, pc.childCount());
                    }
                    assertFalse(isDone(child));
                }
            }
            assertEquals(0, pc.childCount(), "cancelled children are still referenced by their parent");
            assertFalse(isDone(parent));
            parent.cancel();
        }

        @Test
        void simultaneousCancelsOfATreeNeitherDeadlockNorMissAContext() throws Exception {
            CancelContext root = Context.withCancel(BG);
            List<CancelContext> all = new ArrayList<>(List.of(root));
            Deque<CancelContext> queue = new ArrayDeque<>(List.of(root));
            while (!queue.isEmpty() && all.size() < 100) {
                CancelContext parent = queue.poll();
                for (int i = 0; i < 4; i++) {
                    CancelContext c = Context.withCancel(parent);
                    all.add(c);
                    queue.add(c);
                }
            }
            List<CancelContext> order = new ArrayList<>(all);
            Collections.shuffle(order);
            WaitGroup wg = new WaitGroup();
            for (CancelContext c : order) {
                wg.go(c::cancel);
            }
            Collections.shuffle(order);
            for (CancelContext c : order) {
                awaitDone(c, "a context of the tree");
                assertSame(Context.CANCELED, c.err());
            }
            Thread waiter = Go.go(wg::await);
            waiter.join(WAIT);
            assertFalse(waiter.isAlive(), "cancel functions did not all return");
        }

        @Test
        void aChildCancelledByAGoroutineThatSawItsParentCancelledDoesNotDeadlock() throws Exception {
            CancelContext parent = Context.withCancel(BG);
            CancelContext child = Context.withCancel(parent);
            Go.go(() -> {
                parent.done().receiveOrClosed();
                child.cancel();
            });
            parent.cancel();
            awaitDone(child, "child");
        }

        @Test
        void layersOfValuesAndCancelsAllSeeACancel() throws Exception {
            layers(new Random().nextLong(), false);
        }

        @Test
        void layersOfValuesAndTimeoutsAllSeeATimeout() throws Exception {
            layers(new Random().nextLong(), true);
        }

        /** Go's {@code testLayers}: a random chain of values, cancels and timeouts. */
        private void layers(long seed, boolean timeout) throws Exception {
            Random r = new Random(seed);
            String s = "seed=" + seed + ": ";
            List<Context.Key<Object>> keys = new ArrayList<>();
            List<CancelContext> cancels = new ArrayList<>();
            int timers = 0;
            Context ctx = BG;
            for (int i = 0; i < 30 || timers == 0 || cancels.isEmpty() || keys.isEmpty(); i++) {
                switch (r.nextInt(3)) {
                    case 0 -> {
                        Context.Key<Object> k = Context.Key.of("v" + i);
                        ctx = Context.withValue(ctx, k, k);
                        keys.add(k);
                    }
                    case 1 -> {
                        CancelContext c = Context.withCancel(ctx);
                        cancels.add(c);
                        ctx = c;
                    }
                    default -> {
                        CancelContext c = Context.withTimeout(ctx, timeout ? SHORT : VERY_LONG);
                        cancels.add(c);
                        ctx = c;
                        timers++;
                    }
                }
            }
            Context last = ctx;
            Executable checkValues = () -> {
                for (Context.Key<Object> k : keys) {
                    assertSame(k, last.value(k), s + "value of " + k);
                }
            };
            if (!timeout) {
                assertFalse(isDone(last), s + "cancelled too early");
            }
            assertTrue(last.toString().startsWith("context.Background."), s + last);
            checkValues.execute();
            if (timeout) {
                awaitDone(last, s + "after a timeout");
                assertSame(Context.DEADLINE_EXCEEDED, last.err(), s);
            } else {
                cancels.get(r.nextInt(cancels.size())).cancel();
                assertTrue(isDone(last), s + "not cancelled");
                assertSame(Context.CANCELED, last.err(), s);
            }
            checkValues.execute();
            for (CancelContext c : cancels) {
                c.cancel();
            }
        }
    }

    @Nested
    class Deadlines {
        private void expectDeadlineExceeded(Context c, String name) throws InterruptedException {
            awaitDone(c, name);
            assertSame(Context.DEADLINE_EXCEEDED, c.err(), name);
            assertSame(Context.DEADLINE_EXCEEDED, Context.cause(c), name);
        }

        @Test
        void withDeadline() throws Exception {
            CancelContext c = Context.withDeadline(BG, Instant.now().plus(SHORT));
            assertTrue(c.toString().startsWith("context.Background.WithDeadline("), c.toString());
            expectDeadlineExceeded(c, "WithDeadline");

            c = Context.withDeadline(BG, Instant.now().plus(SHORT));
            expectDeadlineExceeded(new Foreign.Wrapper(c), "WithDeadline+otherContext");

            c = Context.withDeadline(BG, Instant.now().plus(SHORT));
            CancelContext c2 = Context.withDeadline(new Foreign.Wrapper(c), Instant.now().plus(VERY_LONG));
            expectDeadlineExceeded(c2, "WithDeadline+otherContext+WithDeadline");

            expectDeadlineExceeded(Context.withDeadline(BG, Instant.now().minus(SHORT)), "WithDeadline+inthepast");
            expectDeadlineExceeded(Context.withDeadline(BG, Instant.now()), "WithDeadline+now");
        }

        @Test
        void withTimeout() throws Exception {
            CancelContext c = Context.withTimeout(BG, SHORT);
            assertTrue(c.toString().startsWith("context.Background.WithDeadline("), c.toString());
            expectDeadlineExceeded(c, "WithTimeout");

            c = Context.withTimeout(BG, SHORT);
            expectDeadlineExceeded(new Foreign.Wrapper(c), "WithTimeout+otherContext");

            c = Context.withTimeout(BG, SHORT);
            expectDeadlineExceeded(Context.withTimeout(new Foreign.Wrapper(c), VERY_LONG),
                    "WithTimeout+otherContext+WithTimeout");

            expectDeadlineExceeded(Context.withTimeout(BG, Duration.ZERO), "WithTimeout(0)");
            expectDeadlineExceeded(Context.withTimeout(BG, Duration.ofSeconds(-1)), "WithTimeout(-1s)");
        }

        @Test
        void aZeroTimeoutExpiresBeforeTheFactoryReturns() {
            CancelContext c = Context.withTimeout(BG, Duration.ZERO);
            assertTrue(isDone(c));
            assertSame(Context.DEADLINE_EXCEEDED, c.err());
        }

        @Test
        void cancelBeforeTheDeadlineGivesCanceled() {
            CancelContext c = Context.withTimeout(BG, Duration.ofSeconds(1));
            CancelContext c2 = Context.withTimeout(new Foreign.Wrapper(c), VERY_LONG);
            c2.cancel(); // propagates synchronously
            assertTrue(isDone(c2));
            assertSame(Context.CANCELED, c2.err(), "DeadlineExceeded only if the deadline fired");
            assertFalse(isDone(c));
            c.cancel();
            assertSame(Context.CANCELED, c.err());
        }

        @Test
        void cancelAfterTheDeadlineFiredKeepsDeadlineExceeded() throws Exception {
            CancelContext c = Context.withTimeout(BG, SHORT);
            awaitDone(c, "timeout");
            c.cancel();
            assertSame(Context.DEADLINE_EXCEEDED, c.err());
        }

        @Test
        void aDeadlineLaterThanTheParentsIsTheParents() {
            Instant soon = Instant.now().plus(Duration.ofHours(1));
            CancelContext parent = Context.withDeadline(BG, soon);
            assertEquals(Optional.of(soon), parent.deadline());
            assertSame(parent.deadline(), parent.deadline());

            CancelContext later = Context.withDeadline(parent, soon.plus(Duration.ofHours(1)));
            assertEquals(Optional.of(soon), later.deadline());
            assertTrue(parent.toString().startsWith("context.Background.WithDeadline(" + soon + " ["), parent.toString());
            assertTrue(later.toString().endsWith("]).WithCancel"), "Go returns WithCancel here: " + later);

            Instant sooner = soon.minus(Duration.ofMinutes(30));
            CancelContext earlier = Context.withDeadline(parent, sooner);
            assertEquals(Optional.of(sooner), earlier.deadline());

            Context derived = Context.withValue(Context.withCancel(parent), Context.Key.of("k"), 1);
            assertEquals(Optional.of(soon), derived.deadline(), "derived contexts report the inherited deadline");
            parent.cancel();
            assertTrue(isDone(later) && isDone(earlier) && isDone(derived));
        }

        @Test
        void hugeTimeoutsMeanNever() {
            CancelContext c = Context.withTimeout(BG, Duration.ofSeconds(Long.MAX_VALUE));
            assertEquals(Optional.of(Instant.MAX), c.deadline());
            assertFalse(isDone(c));
            assertTrue(c.toString().contains("WithDeadline(" + Instant.MAX), c.toString());
            c.cancel();
            CancelContext n = Context.withTimeout(BG, Duration.ofSeconds(Long.MIN_VALUE));
            assertSame(Context.DEADLINE_EXCEEDED, n.err());
        }
    }

    @Nested
    class Values {
        final Context.Key<String> k1 = Context.Key.of("key");
        final Context.Key<String> k2 = Context.Key.of("key"); // same name as k1, a different key
        final Context.Key<String> k3 = Context.Key.of("key3");

        private void check(Context c, String name, String v1, String v2, String v3) {
            assertEquals(v1, c.value(k1), name + ".value(k1)");
            assertEquals(v2, c.value(k2), name + ".value(k2)");
            assertEquals(v3, c.value(k3), name + ".value(k3)");
        }

        @Test
        void theInnermostBindingOfAKeyWinsAndKeysAreComparedByIdentity() {
            check(BG, "c0", null, null, null);

            Context c1 = Context.withValue(BG, k1, "c1k1");
            check(c1, "c1", "c1k1", null, null);
            assertEquals("context.Background.WithValue(key, c1k1)", c1.toString());

            Context c2 = Context.withValue(c1, k2, "c2k2");
            check(c2, "c2", "c1k1", "c2k2", null);
            assertEquals("context.Background.WithValue(key, c1k1).WithValue(key, c2k2)", c2.toString());

            Context c3 = Context.withValue(c2, k3, "c3k3");
            check(c3, "c3", "c1k1", "c2k2", "c3k3");

            Context c4 = Context.withValue(c3, k1, null);
            check(c4, "c4", null, "c2k2", "c3k3");
            assertEquals("context.Background.WithValue(key, c1k1).WithValue(key, c2k2).WithValue(key3, c3k3)"
                    + ".WithValue(key, <nil>)", c4.toString());

            Context o0 = new Foreign.Wrapper(BG);
            check(o0, "o0", null, null, null);
            Context o1 = new Foreign.Wrapper(Context.withValue(BG, k1, "c1k1"));
            check(o1, "o1", "c1k1", null, null);
            Context o2 = Context.withValue(o1, k2, "o2k2");
            check(o2, "o2", "c1k1", "o2k2", null);
            Context o3 = new Foreign.Wrapper(c4);
            check(o3, "o3", null, "c2k2", "c3k3");
            Context o4 = Context.withValue(o3, k3, null);
            check(o4, "o4", null, "c2k2", null);
        }

        @Test
        void valuesAreTypedAndPassThroughEveryKindOfContext() {
            Context.Key<Integer> n = Context.Key.of("n");
            Context c = Context.withValue(BG, n, 42);
            CancelContext cancel = Context.withCancel(c);
            CancelContext timer = Context.withTimeout(cancel, VERY_LONG);
            Context without = Context.withoutCancel(timer);
            for (Context x : List.of(c, cancel, timer, without)) {
                int v = x.value(n); // typed: no cast
                assertEquals(42, v, x.toString());
            }
            cancel.cancel();
            assertEquals(42, timer.value(n), "values survive cancellation");
            assertEquals("n", n.name());
            assertEquals("n", n.toString());
        }
    }

    @Nested
    class WithoutCancel {
        @Test
        void keepsValuesAndDropsCancellationAndDeadline() {
            Context.Key<String> key = Context.Key.of("key");
            CancelCauseContext parent = Context.withCancelCause(
                    Context.withValue(Context.withTimeout(BG, VERY_LONG), key, "value"));
            Context ctx = Context.withoutCancel(parent);
            assertEquals(Optional.empty(), ctx.deadline());
            assertSame(Channel.nil(), ctx.done());
            assertNull(ctx.err());
            assertEquals("value", ctx.value(key));

            parent.cancel(new Exception("gone"));
            assertNull(ctx.err(), "not cancelled with its parent");
            assertNull(Context.cause(ctx));
            assertFalse(isDone(ctx));
            assertEquals("value", ctx.value(key));
        }

        @Test
        void itsChildrenAreCancelledOnlyByTheirOwnCancel() {
            CancelContext parent = Context.withCancel(BG);
            Context detached = Context.withoutCancel(parent);
            CancelContext child = Context.withCancel(detached);
            assertEquals(0, internal(parent).childCount(), "nothing links the child to the cancellable parent");
            parent.cancel();
            assertFalse(isDone(child));
            assertNull(Context.cause(child));
            child.cancel();
            assertSame(Context.CANCELED, child.err());
            assertSame(Context.CANCELED, Context.cause(child));
        }
    }

    @Nested
    class Strings {
        @Test
        void goFormsOfEachKind() {
            Context.Key<String> user = Context.Key.of("user");
            assertEquals("context.Background.WithCancel", Context.withCancelCause(BG).toString());
            assertEquals("context.TODO.WithValue(user, alice).WithCancel",
                    Context.withCancel(Context.withValue(Context.todo(), user, "alice")).toString());
            assertEquals("context.Background.WithoutCancel.WithValue(user, <nil>)",
                    Context.withValue(Context.withoutCancel(BG), user, null).toString());
            CancelContext d = Context.withDeadline(BG, Instant.parse("2026-01-02T03:04:05.5Z"));
            assertTrue(d.toString().matches(
                    "context\\.Background\\.WithDeadline\\(2026-01-02T03:04:05\\.500Z \\[-?[0-9hms.µn]+\\]\\)"),
                    d.toString());
            CancelContext t = Context.withTimeout(BG, Duration.ofHours(2));
            assertTrue(t.toString().matches("context\\.Background\\.WithDeadline\\(.+Z \\[1h59m[0-9.]+s\\]\\)"),
                    t.toString());
            t.cancel();
        }

        @Test
        void durationsAreWrittenAsGoWritesThem() {
            Object[][] cases = {
                {Duration.ZERO, "0s"},
                {Duration.ofNanos(1), "1ns"},
                {Duration.ofNanos(1100), "1.1µs"},
                {Duration.ofNanos(2_200_000), "2.2ms"},
                {Duration.ofMillis(3300), "3.3s"},
                {Duration.ofSeconds(4 * 60 + 5), "4m5s"},
                {Duration.ofMillis((4 * 60 + 5) * 1000 + 1), "4m5.001s"},
                {Duration.ofMillis(((5 * 60 + 6) * 60 + 7) * 1000 + 1), "5h6m7.001s"},
                {Duration.ofNanos(8 * 60 * 1_000_000_000L + 1), "8m0.000000001s"},
                {Duration.ofHours(1), "1h0m0s"},
                {Duration.ofMinutes(2), "2m0s"},
                {Duration.ofNanos(-1), "-1ns"},
                {Duration.ofMillis(-1500), "-1.5s"},
                {Duration.ofNanos(2_000_001), "2.000001ms"},
            };
            for (Object[] c : cases) {
                assertEquals(c[1], TimerCtx.goDuration((Duration) c[0]), c[0].toString());
            }
        }
    }

    @Nested
    class BadInput {
        @Test
        void aNullParentIsRejectedWithGosMessage() {
            Context.Key<String> k = Context.Key.of("k");
            List<Executable> calls = List.of(
                    () -> Context.withCancel(null),
                    () -> Context.withCancelCause(null),
                    () -> Context.withDeadline(null, Instant.now()),
                    () -> Context.withDeadlineCause(null, Instant.now(), new Exception()),
                    () -> Context.withTimeout(null, SHORT),
                    () -> Context.withTimeoutCause(null, SHORT, new Exception()),
                    () -> Context.withValue(null, k, "v"),
                    () -> Context.withoutCancel(null));
            for (Executable call : calls) {
                NullPointerException e = assertThrows(NullPointerException.class, call::execute);
                assertEquals("cannot create context from nil parent", e.getMessage());
            }
        }

        @Test
        void aNullKeyIsRejected() {
            NullPointerException e = assertThrows(NullPointerException.class,
                    () -> Context.withValue(BG, null, "bar"));
            assertEquals("nil key", e.getMessage());
            CancelContext c = Context.withCancel(Context.withValue(BG, Context.Key.of("k"), 1));
            for (Context ctx : List.of(BG, c, Context.withValue(BG, Context.Key.of("k"), 1), Context.withoutCancel(c))) {
                e = assertThrows(NullPointerException.class, () -> ctx.value(null));
                assertEquals("nil key", e.getMessage());
            }
            assertThrows(NullPointerException.class, () -> Context.Key.of(null));
            c.cancel();
        }

        @Test
        void otherNullArgumentsAreRejected() {
            assertThrows(NullPointerException.class, () -> Context.withDeadline(BG, null));
            assertThrows(NullPointerException.class, () -> Context.withTimeout(BG, null));
            assertThrows(NullPointerException.class, () -> Context.afterFunc(null, () -> { }));
            assertThrows(NullPointerException.class, () -> Context.afterFunc(BG, null));
            assertThrows(NullPointerException.class, () -> Context.cause(null));
        }

        @Test
        void aForeignContextWhoseDoneIsNullIsRejectedWithTheRule() {
            NullPointerException e = assertThrows(NullPointerException.class,
                    () -> Context.withCancel(new Foreign.NullDone()));
            assertTrue(e.getMessage().contains("Channel.nil()"), e.getMessage());
        }
    }

    @Nested
    class Errors {
        @Test
        void theTwoWellKnownErrorsHaveGosMessagesAndAreDistinctCancellations() {
            assertEquals("context canceled", Context.CANCELED.getMessage());
            assertEquals("context deadline exceeded", Context.DEADLINE_EXCEEDED.getMessage());
            assertInstanceOf(CancellationException.class, Context.CANCELED);
            assertInstanceOf(CancellationException.class, Context.DEADLINE_EXCEEDED);
            Object canceled = Context.CANCELED;
            Object deadline = Context.DEADLINE_EXCEEDED;
            assertFalse(canceled instanceof DeadlineExceededException);
            assertFalse(deadline instanceof CanceledException, "errors.Is(DeadlineExceeded, Canceled) is false");
            assertTrue(Context.DEADLINE_EXCEEDED.isTimeout());
        }

        @Test
        void theSharedErrorsAreStacklessAndCannotBeGivenACause() {
            for (CancellationException e : List.of(Context.CANCELED, Context.DEADLINE_EXCEEDED)) {
                assertEquals(0, e.getStackTrace().length);
                e.fillInStackTrace();
                e.setStackTrace(new StackTraceElement[] {new StackTraceElement("C", "m", "F", 1)});
                assertEquals(0, e.getStackTrace().length);
                assertThrows(IllegalStateException.class, () -> e.initCause(new Exception()));
                assertNull(e.getCause());
            }
        }

        @Test
        void serializationKeepsTheInstancesUnique() throws Exception {
            for (CancellationException e : List.of(Context.CANCELED, Context.DEADLINE_EXCEEDED)) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                    out.writeObject(e);
                }
                try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                    assertSame(e, in.readObject());
                }
            }
        }
    }

    /** A test step that may throw. */
    @FunctionalInterface
    interface Executable {
        void execute() throws Exception;
    }
}
