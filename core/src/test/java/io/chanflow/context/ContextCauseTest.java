package io.chanflow.context;

import static io.chanflow.context.ContextTest.BG;
import static io.chanflow.context.ContextTest.WAIT;
import static io.chanflow.context.ContextTest.isDone;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Context#cause(Context)} and the error a cancelled context reports: every row of Go's {@code TestCause},
 * the races Go tests around causes, and contexts implemented outside Chanflow.
 */
@Timeout(60)
class ContextCauseTest {
    static final Duration FOREVER = Duration.ofSeconds(1_000_000);
    static final Exception PARENT_CAUSE = new Exception("parentCause");
    static final Exception CHILD_CAUSE = new Exception("childCause");
    static final Exception TOO_SLOW = new Exception("tooSlow");
    static final Exception FINISHED_EARLY = new Exception("finishedEarly");

    static final CancellationException CANCELED = Context.CANCELED;
    static final CancellationException DEADLINE = Context.DEADLINE_EXCEEDED;

    @AfterEach
    void noGoroutineLeft() {
        await().atMost(Duration.ofSeconds(10)).until(() -> Go.numGoroutine() == 0);
    }

    private static Arguments row(String name, Supplier<Context> ctx, CancellationException err, Throwable cause) {
        return arguments(name, ctx, err, cause);
    }

    /** Go's {@code TestCause} table, row by row, in Go's order and with Go's names. */
    static Stream<Arguments> goCauseTable() {
        return Stream.of(
                row("Background", Context::background, null, null),
                row("TODO", Context::todo, null, null),
                row("WithCancel", () -> {
                    CancelContext ctx = Context.withCancel(BG);
                    ctx.cancel();
                    return ctx;
                }, CANCELED, CANCELED),
                row("WithCancelCause", () -> {
                    CancelCauseContext ctx = Context.withCancelCause(BG);
                    ctx.cancel(PARENT_CAUSE);
                    return ctx;
                }, CANCELED, PARENT_CAUSE),
                row("WithCancelCause nil", () -> {
                    CancelCauseContext ctx = Context.withCancelCause(BG);
                    ctx.cancel(null);
                    return ctx;
                }, CANCELED, CANCELED),
                row("WithCancelCause: parent cause before child", () -> {
                    CancelCauseContext parent = Context.withCancelCause(BG);
                    CancelCauseContext child = Context.withCancelCause(parent);
                    parent.cancel(PARENT_CAUSE);
                    child.cancel(CHILD_CAUSE);
                    return child;
                }, CANCELED, PARENT_CAUSE),
                row("WithCancelCause: parent cause after child", () -> {
                    CancelCauseContext parent = Context.withCancelCause(BG);
                    CancelCauseContext child = Context.withCancelCause(parent);
                    child.cancel(CHILD_CAUSE);
                    parent.cancel(PARENT_CAUSE);
                    return child;
                }, CANCELED, CHILD_CAUSE),
                row("WithCancelCause: parent cause before nil", () -> {
                    CancelCauseContext parent = Context.withCancelCause(BG);
                    CancelContext child = Context.withCancel(parent);
                    parent.cancel(PARENT_CAUSE);
                    child.cancel();
                    return child;
                }, CANCELED, PARENT_CAUSE),
                row("WithCancelCause: parent cause after nil", () -> {
                    CancelCauseContext parent = Context.withCancelCause(BG);
                    CancelContext child = Context.withCancel(parent);
                    child.cancel();
                    parent.cancel(PARENT_CAUSE);
                    return child;
                }, CANCELED, CANCELED),
                row("WithCancelCause: child cause after nil", () -> {
                    CancelContext parent = Context.withCancel(BG);
                    CancelCauseContext child = Context.withCancelCause(parent);
                    parent.cancel();
                    child.cancel(CHILD_CAUSE);
                    return child;
                }, CANCELED, CANCELED),
                row("WithCancelCause: child cause before nil", () -> {
                    CancelContext parent = Context.withCancel(BG);
                    CancelCauseContext child = Context.withCancelCause(parent);
                    child.cancel(CHILD_CAUSE);
                    parent.cancel();
                    return child;
                }, CANCELED, CHILD_CAUSE),
                row("WithTimeout", () -> {
                    CancelContext ctx = Context.withTimeout(BG, Duration.ZERO);
                    ctx.cancel();
                    return ctx;
                }, DEADLINE, DEADLINE),
                row("WithTimeout canceled", () -> {
                    CancelContext ctx = Context.withTimeout(BG, FOREVER);
                    ctx.cancel();
                    return ctx;
                }, CANCELED, CANCELED),
                row("WithTimeoutCause", () -> {
                    CancelContext ctx = Context.withTimeoutCause(BG, Duration.ZERO, TOO_SLOW);
                    ctx.cancel();
                    return ctx;
                }, DEADLINE, TOO_SLOW),
                row("WithTimeoutCause canceled", () -> {
                    CancelContext ctx = Context.withTimeoutCause(BG, FOREVER, TOO_SLOW);
                    ctx.cancel();
                    return ctx;
                }, CANCELED, CANCELED),
                row("WithTimeoutCause stacked", () -> {
                    CancelCauseContext parent = Context.withCancelCause(BG);
                    Context ctx = Context.withTimeoutCause(parent, Duration.ZERO, TOO_SLOW);
                    parent.cancel(FINISHED_EARLY);
                    return ctx;
                }, DEADLINE, TOO_SLOW),
                row("WithTimeoutCause stacked canceled", () -> {
                    CancelCauseContext parent = Context.withCancelCause(BG);
                    Context ctx = Context.withTimeoutCause(parent, FOREVER, TOO_SLOW);
                    parent.cancel(FINISHED_EARLY);
                    return ctx;
                }, CANCELED, FINISHED_EARLY),
                row("WithoutCancel", () -> Context.withoutCancel(BG), null, null),
                row("WithoutCancel canceled", () -> {
                    CancelCauseContext parent = Context.withCancelCause(BG);
                    Context ctx = Context.withoutCancel(parent);
                    parent.cancel(FINISHED_EARLY);
                    return ctx;
                }, null, null),
                row("WithoutCancel timeout", () -> {
                    CancelContext parent = Context.withTimeoutCause(BG, Duration.ZERO, TOO_SLOW);
                    Context ctx = Context.withoutCancel(parent);
                    parent.cancel();
                    return ctx;
                }, null, null),
                row("parent of custom context not canceled", () -> {
                    CancelCauseContext parent = Context.withCancelCause(BG);
                    Foreign.Following ctx = Foreign.Following.of(parent);
                    ctx.cancel();
                    return ctx;
                }, CANCELED, CANCELED),
                row("parent of custom context is canceled before", () -> {
                    CancelCauseContext parent = Context.withCancelCause(BG);
                    Foreign.Following ctx = Foreign.Following.of(parent);
                    parent.cancel(PARENT_CAUSE);
                    ctx.cancel();
                    return ctx;
                }, CANCELED, PARENT_CAUSE),
                // As in Go, this is not really right: the custom child was cancelled before its parent and should
                // not inherit the parent's cause, but cause() cannot tell which came first and returns the parent's.
                row("parent of custom context is canceled after", () -> {
                    CancelCauseContext parent = Context.withCancelCause(BG);
                    Foreign.Following ctx = Foreign.Following.of(parent);
                    ctx.cancel();
                    parent.cancel(PARENT_CAUSE);
                    return ctx;
                }, CANCELED, PARENT_CAUSE),
                // Beyond Go's table: the deadline forms with a cause.
                row("WithDeadlineCause in the past", () -> Context.withDeadlineCause(BG,
                        Instant.now().minusSeconds(1), TOO_SLOW), DEADLINE, TOO_SLOW),
                row("WithDeadlineCause canceled", () -> {
                    CancelContext ctx = Context.withDeadlineCause(BG, Instant.now().plus(FOREVER), TOO_SLOW);
                    ctx.cancel();
                    return ctx;
                }, CANCELED, CANCELED),
                row("WithValue over WithCancelCause", () -> {
                    CancelCauseContext parent = Context.withCancelCause(BG);
                    Context ctx = Context.withValue(parent, Context.Key.of("k"), "v");
                    parent.cancel(PARENT_CAUSE);
                    return ctx;
                }, CANCELED, PARENT_CAUSE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goCauseTable")
    void causeTable(String name, Supplier<Context> make, CancellationException err, Throwable cause) {
        Context ctx = make.get();
        assertSame(err, ctx.err(), "ctx.err()");
        assertSame(cause, Context.cause(ctx), "Context.cause(ctx)");
    }

    @Test
    void aDeadlineCauseIsReportedWhenTheTimerFires() throws Exception {
        CancelContext ctx = Context.withTimeoutCause(BG, Duration.ofMillis(1), TOO_SLOW);
        assertTrue(ctx.done().receive(WAIT).isClosed());
        assertSame(DEADLINE, ctx.err());
        assertSame(TOO_SLOW, Context.cause(ctx));
        CancelContext child = Context.withCancel(ctx);
        assertSame(TOO_SLOW, Context.cause(child), "a child born cancelled takes its parent's cause");
    }

    @Test
    void causeIsVisibleToAnyoneWhoSeesTheContextCancelled() {
        for (int i = 0; i < 1_000; i++) {
            CancelCauseContext ctx = Context.withCancelCause(BG);
            Exception cause = new Exception("TestCauseRace " + i);
            Go.go(() -> ctx.cancel(cause));
            Throwable seen;
            // Poll cause() rather than waiting on done(), to check the cause is published with the cancellation.
            while ((seen = Context.cause(ctx)) == null) {
                Thread.onSpinWait();
            }
            assertSame(cause, seen);
        }
    }

    @Test
    void errIsNeverSetWhileDoneIsStillOpen() {
        // Go issue 75533: ctx.Err() was non-nil while ctx.Done() was not yet closed.
        for (int i = 0; i < 1_000; i++) {
            CancelContext ctx = Context.withCancel(BG);
            ReceiveChannel<Void> done = ctx.done();
            Go.go(ctx::cancel);
            while (ctx.err() == null) {
                Thread.onSpinWait();
            }
            assertTrue(done.tryReceive().isClosed(), "iteration " + i + ": err() is set but done() is open");
        }
    }

    @Test
    void aChildFollowsAForeignParentThroughItsOwnDoneChannel() throws Exception {
        // Go's TestCustomContextPropagation.
        Exception cause = new Exception("TestCustomContextPropagation");
        CancelCauseContext ctx1 = Context.withCancelCause(BG);
        Foreign.OwnDone ctx2 = new Foreign.OwnDone(ctx1);
        try (CancelContext ctx3 = Context.withCancel(ctx2)) {
            assertEquals(0, ContextTest.internal(ctx1).childCount(), "a foreign done() must be watched, not linked");
            ctx1.cancel(cause);
            assertNull(ctx3.err(), "ctx2 has not closed its own done channel yet");
            ctx2.close();
            assertTrue(ctx3.done().receive(WAIT).isClosed());
            assertSame(CANCELED, ctx3.err());
            assertSame(cause, Context.cause(ctx3));
        }
    }

    @Test
    void followingAForeignParentCostsOneGoroutineUntilEitherIsCancelled() throws Exception {
        // Go's TestCustomContextGoroutines, counted with Go.numGoroutine().
        try (CancelContext ctx = Context.withCancel(BG)) {
            CancelContext linked = Context.withCancel(new Foreign.Wrapper(ctx));
            assertEquals(0, Go.numGoroutine(), "a delegating wrapper is followed without a goroutine");
            linked.cancel();

            Foreign.OwnDone own = new Foreign.OwnDone(ctx);
            CancelContext watched = Context.withCancel(own);
            await().atMost(WAIT).until(() -> Go.numGoroutine() == 1); // a foreign done() is watched by a goroutine
            watched.cancel();
            await().atMost(WAIT).until(() -> Go.numGoroutine() == 0);
            assertSame(CANCELED, watched.err());

            Foreign.OwnDone own2 = new Foreign.OwnDone(ctx);
            CancelContext watched2 = Context.withCancel(own2);
            AfterFunc af = Context.afterFunc(own2, () -> { });
            await().atMost(WAIT).until(() -> Go.numGoroutine() == 2);
            assertTrue(af.stop());
            own2.close();
            assertTrue(watched2.done().receive(WAIT).isClosed(), "the watcher cancels the child");
            await().atMost(WAIT).until(() -> Go.numGoroutine() == 0);
            watched2.cancel();
        }
    }

    @Test
    void aForeignParentThatIsAlreadyDoneCancelsTheChildAtOnce() {
        Foreign.OwnDone own = new Foreign.OwnDone(Context.withCancel(BG));
        own.close();
        CancelContext c = Context.withCancel(own);
        assertTrue(isDone(c));
        assertSame(CANCELED, c.err(), "done closed without an error counts as canceled");
        assertEquals(0, Go.numGoroutine());
    }

    @Test
    void causesOfAForeignRootContext() {
        // Go's TestCustomContextCause.
        Foreign.Root ccc = new Foreign.Root();
        ccc.cancel();
        assertSame(CANCELED, ccc.err());
        assertSame(CANCELED, Context.cause(ccc));

        // A child with a cause of its own does not cancel its foreign parent.
        ccc = new Foreign.Root();
        CancelCauseContext ctx = Context.withCancelCause(ccc);
        Exception cause = new Exception("TestCustomContextCause");
        ctx.cancel(cause);
        assertSame(CANCELED, ctx.err());
        assertSame(cause, Context.cause(ctx));
        assertNull(ccc.err());
        assertNull(Context.cause(ccc));

        // Cancelling the parent afterwards changes nothing in the child.
        ccc.cancel();
        assertSame(CANCELED, ctx.err());
        assertSame(cause, Context.cause(ctx));
        assertSame(CANCELED, ccc.err());
        assertSame(CANCELED, Context.cause(ccc));

        // A foreign context that cancels its child itself.
        Foreign.Root ccc2 = new Foreign.Root();
        CancelContext child = Context.withCancel(ccc2);
        ccc2.setChild(child);
        ccc2.cancel();
        assertSame(CANCELED, child.err());
        assertSame(CANCELED, Context.cause(child));
        assertSame(CANCELED, ccc2.err());
        assertSame(CANCELED, Context.cause(ccc2));
    }
}
