package io.chanflow.sync;

import io.chanflow.Spawned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.WaitGroup;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link RWMutex}: Go's sync.RWMutex with writer preference. */
@Timeout(60)
class RWMutexTest {

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    @Test
    void readersShareAndExcludeWriters() throws Exception {
        RWMutex rw = new RWMutex();
        rw.rLock();
        assertTrue(rw.tryRLock());
        assertFalse(rw.tryLock());
        rw.rUnlock();
        rw.rUnlock();
        assertTrue(rw.tryLock());
        assertFalse(rw.tryRLock());
        assertFalse(rw.tryLock());
        rw.unlock();
    }

    @Test
    void aWaitingWriterHoldsBackNewReaders() throws Exception {
        RWMutex rw = new RWMutex();
        rw.rLock();
        Spawned<Void> writer = Spawned.run(() -> {
            rw.lock();
            rw.unlock();
        }).awaitBlocked();
        assertFalse(rw.tryRLock(), "a waiting writer holds back new readers");
        Spawned<Void> lateReader = Spawned.run(() -> {
            rw.rLock();
            rw.rUnlock();
        }).awaitBlocked();
        rw.rUnlock(); // the writer goes first, then the late reader
        writer.join();
        lateReader.join();
        assertTrue(rw.tryLock());
        rw.unlock();
    }

    @Test
    void readersWaitingForAWriterGoBeforeTheNextWriter() throws Exception {
        RWMutex rw = new RWMutex();
        rw.lock();
        AtomicInteger readersIn = new AtomicInteger();
        java.util.concurrent.CountDownLatch leave = new java.util.concurrent.CountDownLatch(1);
        Spawned<Void> r1 = Spawned.run(() -> {
            rw.rLock();
            readersIn.incrementAndGet();
            leave.await();
            rw.rUnlock();
        }).awaitBlocked();
        Spawned<Void> w2 = Spawned.run(() -> {
            rw.lock();
            assertEquals(1, readersIn.get(), "the reader got in before this writer");
            rw.unlock();
        }).awaitBlocked();
        rw.unlock();
        org.awaitility.Awaitility.await().until(() -> readersIn.get() == 1);
        assertFalse(w2.isDone());
        leave.countDown();
        r1.join();
        w2.join();
    }

    @Test
    void misuseThrowsGosMessages() throws Exception {
        RWMutex rw = new RWMutex();
        assertEquals("sync: RUnlock of unlocked RWMutex",
                assertThrows(IllegalStateException.class, rw::rUnlock).getMessage());
        assertEquals("sync: Unlock of unlocked RWMutex",
                assertThrows(IllegalStateException.class, rw::unlock).getMessage());
        rw.rLock();
        assertThrows(IllegalStateException.class, rw::unlock);
        rw.rUnlock();
    }

    @Test
    void anotherGoroutineMayUnlock() throws Exception {
        RWMutex rw = new RWMutex();
        rw.lock();
        Spawned.run(rw::unlock).join();
        rw.rLock();
        Spawned.run(rw::rUnlock).join();
        assertTrue(rw.tryLock());
        rw.unlock();
    }

    @Test
    void interruptedReaderLeavesNoTrace() throws Exception {
        RWMutex rw = new RWMutex();
        rw.lock();
        Spawned<Void> reader = Spawned.run(rw::rLock).awaitBlocked();
        reader.thread.interrupt();
        assertInstanceOf(InterruptedException.class, reader.failure());
        rw.unlock();
        assertTrue(rw.tryLock(), "no reader was admitted");
        rw.unlock();
    }

    @Test
    void interruptedWriterLetsHeldBackReadersIn() throws Exception {
        RWMutex rw = new RWMutex();
        rw.rLock();
        Spawned<Void> writer = Spawned.run(rw::lock).awaitBlocked();
        Spawned<Void> reader = Spawned.run(() -> {
            rw.rLock();
            rw.rUnlock();
        }).awaitBlocked();
        writer.thread.interrupt();
        assertInstanceOf(InterruptedException.class, writer.failure());
        reader.join();
        rw.rUnlock();
        assertTrue(rw.tryLock());
        rw.unlock();
    }

    @Test
    void readersAndWritersKeepTheInvariant() throws Exception {
        RWMutex rw = new RWMutex();
        AtomicInteger readers = new AtomicInteger();
        AtomicInteger writers = new AtomicInteger();
        AtomicInteger violations = new AtomicInteger();
        int[] value = new int[1];
        WaitGroup wg = new WaitGroup();
        for (int g = 0; g < 40; g++) {
            boolean isWriter = g % 4 == 0;
            wg.go(() -> {
                for (int i = 0; i < 200; i++) {
                    if (isWriter) {
                        rw.lock();
                        try {
                            if (writers.incrementAndGet() != 1 || readers.get() != 0) {
                                violations.incrementAndGet();
                            }
                            value[0]++;
                            writers.decrementAndGet();
                        } finally {
                            rw.unlock();
                        }
                    } else {
                        rw.rLock();
                        try {
                            readers.incrementAndGet();
                            if (writers.get() != 0) {
                                violations.incrementAndGet();
                            }
                            readers.decrementAndGet();
                        } finally {
                            rw.rUnlock();
                        }
                    }
                }
            });
        }
        wg.await();
        assertEquals(0, violations.get());
        assertEquals(10 * 200, value[0]);
    }
}
