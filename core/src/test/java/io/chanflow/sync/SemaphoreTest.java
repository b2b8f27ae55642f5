package io.chanflow.sync;

import io.chanflow.Spawned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.WaitGroup;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Semaphore}: ports of x/sync/semaphore's tests, plus misuse and interruption. */
@Timeout(60)
class SemaphoreTest {

    private static final Context BG = Context.background();

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    /** Go's TestWeightedTryAcquire. */
    @Test
    void tryAcquireSequence() throws Exception {
        Semaphore sem = new Semaphore(2);
        boolean[] tries = new boolean[4];
        sem.acquire(BG, 1);
        tries[0] = sem.tryAcquire(1);
        tries[1] = sem.tryAcquire(1);
        sem.release(2);
        tries[2] = sem.tryAcquire(1);
        sem.acquire(BG, 1);
        tries[3] = sem.tryAcquire(1);
        assertArrayEquals(new boolean[] {true, false, true, false}, tries);
    }

    @Test
    void acquireBlocksUntilRelease() throws Exception {
        Semaphore sem = new Semaphore(3);
        sem.acquire(BG, 3);
        Spawned<Void> waiter = Spawned.run(() -> sem.acquire(BG, 2)).awaitBlocked();
        sem.release(1);
        waiter.awaitBlocked(); // 1 free, 2 wanted
        sem.release(1);
        waiter.join();
        assertFalse(sem.tryAcquire(1), "1 + 2 of 3 held");
        sem.release(3);
        assertTrue(sem.tryAcquire(3));
    }

    /** Go's issue 50677: a cancelled front waiter lets the smaller waiters behind it in. */
    @Test
    void cancelledFrontWaiterUnblocksTheNext() throws Exception {
        Semaphore sem = new Semaphore(2);
        sem.acquire(BG, 1);
        CancelContext ctx = Context.withCancel(BG);
        Spawned<Void> big = Spawned.run(() -> sem.acquire(ctx, 2)).awaitBlocked();
        Spawned<Void> small = Spawned.run(() -> sem.acquire(BG, 1)).awaitBlocked(); // fits, but queued behind big
        ctx.cancel();
        assertSame(Context.CANCELED, big.failure());
        small.join();
        sem.release(2);
        assertTrue(sem.tryAcquire(2), "the cancelled acquire left nothing behind");
    }

    /** Go's TestWeightedAcquireCanceled (issue 63615): a context done before the tokens arrive wins. */
    @Test
    void contextDoneBeforeTheTokensArriveWins() throws Exception {
        Semaphore sem = new Semaphore(2);
        CancelContext ctx = Context.withCancel(BG);
        sem.acquire(BG, 1);
        Spawned<Void> waiter = Spawned.run(() -> sem.acquire(ctx, 2)).awaitBlocked();
        ctx.cancel();
        sem.release(1);
        assertSame(Context.CANCELED, waiter.failure());
        assertTrue(sem.tryAcquire(2), "there must be two tokens after the failed acquire");
    }

    /** Go's TestLargeAcquireDoesntStarve. */
    @Test
    void largeAcquireIsNotStarvedBySmallOnes() throws Exception {
        int n = 4;
        Semaphore sem = new Semaphore(n);
        AtomicBoolean running = new AtomicBoolean(true);
        WaitGroup wg = new WaitGroup();
        for (int i = 0; i < n; i++) {
            sem.acquire(BG, 1);
            wg.go(() -> {
                try {
                    while (running.get()) {
                        Thread.yield();
                        sem.release(1);
                        sem.acquire(BG, 1);
                    }
                } finally {
                    sem.release(1);
                }
            });
        }
        sem.acquire(BG, n);
        running.set(false);
        sem.release(n);
        wg.await();
    }

    @Test
    void acquireLargerThanSizeWaitsForTheContext() throws Exception {
        Semaphore sem = new Semaphore(1);
        CancelContext ctx = Context.withCancel(BG);
        Spawned<Void> waiter = Spawned.run(() -> sem.acquire(ctx, 2)).awaitBlocked();
        ctx.cancel();
        assertSame(Context.CANCELED, waiter.failure());

        try (CancelContext timed = Context.withTimeout(BG, Duration.ofMillis(20))) {
            assertSame(Context.DEADLINE_EXCEEDED,
                    assertThrows(java.util.concurrent.CancellationException.class, () -> sem.acquire(timed, 2)));
        }
        assertTrue(sem.tryAcquire(1));
    }

    @Test
    void aDoneContextFailsAtOnceEvenWithFreeTokens() {
        Semaphore sem = new Semaphore(5);
        CancelContext ctx = Context.withCancel(BG);
        ctx.cancel();
        assertSame(Context.CANCELED, assertThrows(java.util.concurrent.CancellationException.class,
                () -> sem.acquire(ctx, 1)));
        assertTrue(sem.tryAcquire(5));
    }

    @Test
    void tryAcquireFailsWhileSomebodyWaits() throws Exception {
        Semaphore sem = new Semaphore(2);
        sem.acquire(BG, 1);
        Spawned<Void> big = Spawned.run(() -> sem.acquire(BG, 2)).awaitBlocked();
        assertFalse(sem.tryAcquire(1), "one token is free, but the front waiter comes first");
        sem.release(1);
        big.join();
        sem.release(2);
    }

    @Test
    void acquireIsInterruptibleAndLeavesTheSemaphoreUnchanged() throws Exception {
        Semaphore sem = new Semaphore(2);
        sem.acquire(BG, 1);
        Spawned<Void> big = Spawned.run(() -> sem.acquire(BG, 2)).awaitBlocked();
        Spawned<Void> small = Spawned.run(() -> sem.acquire(BG, 1)).awaitBlocked();
        big.thread.interrupt();
        assertInstanceOf(InterruptedException.class, big.failure());
        small.join(); // the interrupted front waiter let it in, as a cancelled one does
        sem.release(2);
        assertTrue(sem.tryAcquire(2));
    }

    @Test
    void releasingMoreThanHeldThrowsAndChangesNothing() throws Exception {
        Semaphore sem = new Semaphore(3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sem.release(1));
        assertEquals("semaphore: released more than held", e.getMessage());
        sem.acquire(BG, 2);
        assertThrows(IllegalStateException.class, () -> sem.release(3));
        assertFalse(sem.tryAcquire(2), "still two held");
        sem.release(2);
        assertTrue(sem.tryAcquire(3));
    }

    @Test
    void negativeArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        Semaphore sem = new Semaphore(1);
        assertThrows(IllegalArgumentException.class, () -> sem.tryAcquire(-1));
        assertThrows(IllegalArgumentException.class, () -> sem.release(-1));
        assertThrows(IllegalArgumentException.class, () -> sem.acquire(BG, -1));
    }
}
