package io.chanflow.context;

import static io.chanflow.context.ContextTest.BG;
import static io.chanflow.context.ContextTest.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.Go;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Context#afterFunc} and {@link AfterFunc#stop()}: Go's {@code AfterFunc} tests, and a few more. */
@Timeout(60)
class ContextAfterFuncTest {
    /** Long enough that a function that should not run would have run by then, if it were going to. */
    static final Duration SHORT_WINDOW = Duration.ofMillis(50);

    @AfterEach
    void noGoroutineLeft() {
        await().atMost(Duration.ofSeconds(10)).until(() -> Go.numGoroutine() == 0);
    }

    @Test
    void calledAfterCancelNotBefore() throws Exception {
        CancelContext ctx = Context.withCancel(BG);
        Channel<Void> donec = Channel.make();
        AfterFunc stop = Context.afterFunc(ctx, donec::close);
        assertTrue(donec.receive(SHORT_WINDOW).wouldBlock(), "AfterFunc called before the context is done");
        ctx.cancel();
        assertTrue(donec.receive(WAIT).isClosed(), "AfterFunc not called after the context is cancelled");
        assertFalse(stop.stop(), "stop() = true after the function was started");
    }

    @Test
    void calledAfterTimeout() throws Exception {
        try (CancelContext ctx = Context.withTimeout(BG, Duration.ofMillis(1))) {
            Channel<Void> donec = Channel.make();
            Context.afterFunc(ctx, donec::close);
            assertTrue(donec.receive(WAIT).isClosed(), "AfterFunc not called after the deadline");
        }
    }

    @Test
    void calledImmediatelyForACancelledContext() throws Exception {
        CancelContext ctx = Context.withCancel(BG);
        ctx.cancel();
        Channel<Void> donec = Channel.make();
        AfterFunc stop = Context.afterFunc(ctx, donec::close);
        assertTrue(donec.receive(WAIT).isClosed(), "AfterFunc not called for an already cancelled context");
        assertFalse(stop.stop());
    }

    @Test
    void notCalledAfterStop() throws Exception {
        CancelContext ctx = Context.withCancel(BG);
        Channel<Void> donec = Channel.make();
        AfterFunc stop = Context.afterFunc(ctx, donec::close);
        assertTrue(stop.stop(), "stop() = false before the context was cancelled");
        ctx.cancel();
        assertTrue(donec.receive(SHORT_WINDOW).wouldBlock(), "AfterFunc called after stop");
        assertFalse(stop.stop(), "second stop() = true");
    }

    @Test
    void cancelDoesNotWaitForTheFunction() throws Exception {
        CancelContext ctx = Context.withCancel(BG);
        Channel<Integer> donec = Channel.make();
        AfterFunc stop = Context.afterFunc(ctx, () -> {
            try {
                donec.send(1); // blocks until the test receives, after cancel() returned
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ctx.cancel(); // would deadlock if it ran the function itself
        assertEquals(1, donec.receive(WAIT).value(), "AfterFunc not called after cancel");
        assertFalse(stop.stop());
    }

    @Test
    void runsInItsOwnGoroutine() throws Exception {
        CancelContext ctx = Context.withCancel(BG);
        AtomicReference<Thread> runner = new AtomicReference<>();
        Channel<Void> donec = Channel.make();
        Context.afterFunc(ctx, () -> {
            runner.set(Thread.currentThread());
            donec.close();
        });
        ctx.cancel();
        assertTrue(donec.receive(WAIT).isClosed());
        assertTrue(runner.get().isVirtual());
        assertFalse(runner.get() == Thread.currentThread());
    }

    @Test
    void severalFunctionsOnOneContextEachRunOnce() throws Exception {
        CancelContext ctx = Context.withCancel(BG);
        AtomicInteger runs = new AtomicInteger();
        List<AfterFunc> stops = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            stops.add(Context.afterFunc(ctx, runs::incrementAndGet));
        }
        AfterFunc stopped = Context.afterFunc(ctx, () -> runs.addAndGet(1000));
        assertTrue(stopped.stop());
        assertEquals(10, ((CancelCtx) ctx).childCount());
        ctx.cancel();
        ctx.cancel();
        await().atMost(WAIT).until(() -> Go.numGoroutine() == 0);
        assertEquals(10, runs.get());
        for (AfterFunc s : stops) {
            assertFalse(s.stop());
        }
    }

    @Test
    void onAContextThatIsNeverCancelledNothingRunsAndStopSucceeds() {
        AtomicInteger runs = new AtomicInteger();
        CancelContext parent = Context.withCancel(BG);
        for (Context ctx : List.of(BG, Context.todo(), Context.withoutCancel(parent))) {
            AfterFunc a = Context.afterFunc(ctx, runs::incrementAndGet);
            assertTrue(a.stop());
            assertFalse(a.stop());
        }
        assertEquals(0, ((CancelCtx) parent).childCount(), "withoutCancel hides its parent's cancellation");
        parent.cancel();
        assertEquals(0, Go.numGoroutine());
        assertEquals(0, runs.get());
    }

    @Test
    void stopRacingCancelPreventsTheRunExactlyWhenItReturnsTrue() {
        AtomicInteger runs = new AtomicInteger();
        int stops = 0;
        int n = 1_000;
        for (int i = 0; i < n; i++) {
            CancelContext ctx = Context.withCancel(BG);
            AfterFunc a = Context.afterFunc(ctx, runs::incrementAndGet);
            Go.go(ctx::cancel);
            long spin = ThreadLocalRandom.current().nextLong(0, 20_000);
            for (long end = System.nanoTime() + spin; System.nanoTime() < end; ) {
                Thread.onSpinWait();
            }
            if (a.stop()) {
                stops++;
            }
        }
        await().atMost(WAIT).until(() -> Go.numGoroutine() == 0);
        assertEquals(n - stops, runs.get(), "every function whose stop() returned false ran, and no other");
    }
}
