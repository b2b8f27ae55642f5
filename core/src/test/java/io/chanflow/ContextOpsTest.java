package io.chanflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Channel operations bounded by a context, select on {@code ctx.done()}, and {@link Go#go(Done, ContextTask)}. */
@Timeout(60)
class ContextOpsTest {

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1})
    void aBlockedSendStopsWithCanceledWhenItsContextIsCancelled(int cap) throws Exception {
        Channel<Integer> ch = Channel.make(cap);
        for (int i = 0; i < cap; i++) {
            ch.send(i);
        }
        try (CancelContext ctx = Context.withCancel(Context.background())) {
            Spawned<Void> s = Spawned.run(() -> ch.send(ctx, 99)).awaitBlocked();
            ctx.cancel();
            assertSame(Context.CANCELED, s.failure());
        }
        for (int i = 0; i < cap; i++) {
            assertEquals(i, ch.receive());
        }
        assertTrue(ch.tryReceive().wouldBlock(), "the cancelled send delivered nothing");
        assertTrue(!ch.trySend(1) || cap > 0, "and left no sender registered");
    }

    @Test
    void aBlockedReceiveStopsWithDeadlineExceeded() throws Exception {
        Channel<Integer> ch = Channel.make();
        try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(20))) {
            CancellationExceptionHolder h = new CancellationExceptionHolder();
            h.e = assertThrows(java.util.concurrent.CancellationException.class, () -> ch.receive(ctx));
            assertSame(Context.DEADLINE_EXCEEDED, h.e);
        }
        assertTrue(!ch.trySend(1), "no receiver left registered");
    }

    private static final class CancellationExceptionHolder {
        java.util.concurrent.CancellationException e;
    }

    @Test
    void operationsSucceedWhileTheContextIsLive() throws Exception {
        Channel<Integer> ch = Channel.make();
        try (CancelContext ctx = Context.withCancel(Context.background())) {
            Spawned<Integer> r = Spawned.go(() -> ch.receive(ctx));
            ch.send(ctx, 5);
            assertEquals(5, r.join());
            ch.close();
            assertTrue(ch.receiveOrClosed(ctx).isClosed());
            assertThrows(ChannelClosedException.class, () -> ch.receive(ctx));
        }
        // a background context never ends an operation
        Spawned<Integer> r = Spawned.go(() -> Channel.<Integer>make().receive(Context.background())).awaitBlocked();
        r.thread.interrupt();
        assertInstanceOf(InterruptedException.class, r.failure());
    }

    @Test
    void aContextDoneOnEntryWinsEvenIfTheChannelIsReady() throws Exception {
        Channel<Integer> ch = Channel.make(1);
        CancelContext ctx = Context.withCancel(Context.background());
        ctx.cancel();
        for (int i = 0; i < 100; i++) {
            assertThrows(java.util.concurrent.CancellationException.class, () -> ch.send(ctx, 1));
        }
        assertEquals(0, ch.len());
    }

    @Test
    void selectOnDoneIsTheOrdinaryWayToStop() throws Exception {
        Channel<Integer> jobs = Channel.make();
        AtomicInteger handled = new AtomicInteger();
        try (CancelContext ctx = Context.withCancel(Context.background())) {
            Spawned<String> worker = Spawned.go(() -> {
                for (;;) {
                    String r = Select.<String>returning()
                            .receive(jobs, j -> {
                                handled.incrementAndGet();
                                return null;
                            })
                            .receive(ctx.done(), x -> "stopped: " + ctx.err().getMessage())
                            .get();
                    if (r != null) {
                        return r;
                    }
                }
            });
            for (int i = 0; i < 10; i++) {
                jobs.send(i);
            }
            ctx.cancel();
            assertEquals("stopped: context canceled", worker.join());
            assertEquals(10, handled.get());
        }
    }

    @Test
    void goWithContextEndsQuietlyOnItsOwnCancellation() throws Exception {
        AtomicReference<Throwable> reported = new AtomicReference<>();
        CountDownLatch failed = new CountDownLatch(1);
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            reported.set(e);
            failed.countDown();
        });
        try {
            Channel<Integer> never = Channel.make();
            CancelContext ctx = Context.withCancel(Context.background());
            Thread quiet = Go.go(ctx, c -> never.receive(c));
            Spawned.awaitParked(quiet);
            ctx.cancel();
            quiet.join();
            assertEquals(1, failed.getCount(), "nothing was reported");
            // a cancellation that is not the goroutine's own context's is still a failure
            CancelContext other = Context.withCancel(Context.background());
            other.cancel();
            try (CancelContext live = Context.withCancel(Context.background())) {
                Thread loud = Go.go(live, c -> never.receive(other));
                failed.await();
                loud.join();
            }
            assertSame(Context.CANCELED, reported.get(), "the other context's error is reported");
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }
}
