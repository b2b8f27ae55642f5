package io.chanflow.sync;

import io.chanflow.Spawned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.Task;
import io.chanflow.context.Context;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ErrGroup}: ports of x/sync/errgroup's tests, plus limit misuse and interruption. */
@Timeout(60)
class ErrGroupTest {

    private static final Exception ERR1 = new Exception("errgroup_test: 1");
    private static final Exception ERR2 = new Exception("errgroup_test: 2");

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    private static Task returning(Exception err) {
        return () -> {
            if (err != null) {
                throw err;
            }
        };
    }

    /** Go's TestZeroGroup: after each task, await reports the first failure so far. */
    @Test
    void zeroGroupReportsTheFirstFailure() throws Exception {
        List<List<Exception>> cases = List.of(
                List.of(),
                Arrays.asList((Exception) null),
                List.of(ERR1),
                Arrays.asList(ERR1, null),
                Arrays.asList(ERR1, null, ERR2));
        for (List<Exception> errs : cases) {
            ErrGroup g = new ErrGroup();
            Exception first = null;
            for (Exception err : errs) {
                g.go(returning(err));
                if (first == null && err != null) {
                    first = err;
                }
                assertSame(first, g.await(), "after " + errs);
            }
            assertSame(first, g.await());
        }
    }

    /** Go's TestWithContext: await returns the first failure, and the context is done afterwards. */
    @Test
    void withContextIsAlwaysDoneAfterAwait() throws Exception {
        List<List<Exception>> cases = List.of(
                List.of(),
                Arrays.asList((Exception) null),
                List.of(ERR1),
                Arrays.asList(ERR1, null),
                Arrays.asList(ERR1, null, ERR2));
        for (List<Exception> errs : cases) {
            ErrGroup.WithContext gc = ErrGroup.withContext(Context.background());
            Exception first = errs.stream().filter(e -> e != null).findFirst().orElse(null);
            if (first != null) {
                // make the order deterministic: later failures wait until the first is recorded
                gc.group().go(returning(first));
                for (Exception err : errs.subList(errs.indexOf(first) + 1, errs.size())) {
                    gc.group().go(() -> {
                        gc.ctx().done().receiveOrClosed();
                        returning(err).run();
                    });
                }
            } else {
                for (Exception err : errs) {
                    gc.group().go(returning(err));
                }
            }
            assertSame(first, gc.group().await(), "case " + errs);
            assertSame(Context.CANCELED, gc.ctx().err(), "case " + errs);
            assertSame(first == null ? Context.CANCELED : first, Context.cause(gc.ctx()), "case " + errs);
        }
    }

    @Test
    void theFirstFailureCancelsTheContextWithItAsCauseBeforeAwait() throws Exception {
        ErrGroup.WithContext gc = ErrGroup.withContext(Context.background());
        CountDownLatch stopped = new CountDownLatch(1);
        gc.group().go(() -> {
            gc.ctx().done().receiveOrClosed(); // a sibling that stops when told
            stopped.countDown();
        });
        gc.group().go(returning(ERR1));
        stopped.await();
        assertSame(ERR1, Context.cause(gc.ctx()));
        assertSame(ERR1, gc.group().await());
    }

    @Test
    void runtimeExceptionsAndErrorsAreFailuresToo() throws Exception {
        ErrGroup g = new ErrGroup();
        AssertionError boom = new AssertionError("boom");
        g.go(() -> {
            throw boom;
        });
        assertSame(boom, g.await());
    }

    /** Go's TestTryGo. */
    @Test
    void tryGoRespectsTheLimit() throws Exception {
        ErrGroup g = new ErrGroup();
        int n = 42;
        g.setLimit(n);
        Channel<Integer> ch = Channel.make();
        Task fn = () -> ch.send(1);
        for (int i = 0; g.tryGo(fn); i++) {
            assertTrue(i < n, "tryGo should fail after " + n + " goroutines, started " + (i + 1));
        }
        for (int i = 0; i < n; i++) { // let them all finish
            ch.receive();
        }
        assertNull(g.await());

        assertTrue(g.tryGo(fn), "after await, a slot is free again");
        ch.receive();
        assertNull(g.await());

        g.setLimit(1);
        assertTrue(g.tryGo(fn));
        assertFalse(g.tryGo(fn), "limit 1 is taken");
        ch.receive();
        assertNull(g.await());

        g.setLimit(0);
        for (int i = 0; i < 1 << 10; i++) {
            assertFalse(g.tryGo(fn), "limit 0 admits nothing");
        }
        assertNull(g.await());
    }

    /** Go's TestGoLimit. */
    @Test
    void neverMoreThanTheLimitActive() throws Exception {
        int limit = 10;
        ErrGroup g = new ErrGroup();
        g.setLimit(limit);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        for (int i = 0; i <= 1 << 10; i++) {
            g.go(() -> {
                int now = active.incrementAndGet();
                peak.accumulateAndGet(now, Math::max);
                if (now > limit) {
                    throw new IllegalStateException("saw " + now + " active goroutines; want <= " + limit);
                }
                Thread.yield(); // give the others a chance to overlap; not a synchronisation
                active.decrementAndGet();
            });
        }
        assertNull(g.await());
        assertTrue(peak.get() <= limit);
    }

    @Test
    void changingTheLimitWhileActiveThrowsGosMessage() throws Exception {
        ErrGroup g = new ErrGroup();
        g.setLimit(2);
        CountDownLatch release = new CountDownLatch(1);
        g.go(release::await);
        g.go(release::await);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.setLimit(5));
        assertEquals("errgroup: modify limit while 2 goroutines in the group are still active", e.getMessage());
        g.setLimit(-1); // removing the limit is allowed, as in Go
        release.countDown();
        assertNull(g.await());
        g.setLimit(3); // nobody active any more
    }

    @Test
    void withoutALimitTheLimitMayChangeAnyTime() throws Exception {
        ErrGroup g = new ErrGroup();
        CountDownLatch release = new CountDownLatch(1);
        g.go(release::await);
        g.setLimit(1); // Go only counts goroutines started under a limit
        release.countDown();
        assertNull(g.await());
    }

    @Test
    void goBlocksAtTheLimitAndIsInterruptible() throws Exception {
        ErrGroup g = new ErrGroup();
        g.setLimit(0);
        AtomicInteger ran = new AtomicInteger();
        Spawned<Void> blocked = Spawned.run(() -> g.go(ran::incrementAndGet)).awaitBlocked();
        blocked.thread.interrupt();
        assertInstanceOf(InterruptedException.class, blocked.failure());
        assertNull(g.await());
        assertEquals(0, ran.get());
    }

    @Test
    void goWaitsForAFreeSlot() throws Exception {
        ErrGroup g = new ErrGroup();
        g.setLimit(1);
        CountDownLatch release = new CountDownLatch(1);
        g.go(release::await);
        AtomicInteger ran = new AtomicInteger();
        Spawned<Void> second = Spawned.run(() -> g.go(ran::incrementAndGet)).awaitBlocked();
        release.countDown();
        second.join();
        assertNull(g.await());
        assertEquals(1, ran.get());
    }

    @Test
    void awaitIsInterruptible() throws Exception {
        ErrGroup.WithContext gc = ErrGroup.withContext(Context.background());
        CountDownLatch release = new CountDownLatch(1);
        gc.group().go(release::await);
        Spawned<Throwable> waiter = Spawned.go(() -> gc.group().await()).awaitBlocked();
        waiter.thread.interrupt();
        assertInstanceOf(InterruptedException.class, waiter.failure());
        assertNull(gc.ctx().err(), "an interrupted await does not cancel the context");
        release.countDown();
        assertNull(gc.group().await());
        assertNotNull(gc.ctx().err());
    }
}
