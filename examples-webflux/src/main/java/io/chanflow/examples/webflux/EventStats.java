package io.chanflow.examples.webflux;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Counters kept by the {@code /events} producer bodies, for {@code GET /stats} and for the tests: how many bodies
 * started and ended, how many of them ended because their context was cancelled, and how many events they sent.
 *
 * <p>Each counter only grows and is exact once the body that moves it has returned; read together they are not a
 * consistent snapshot (a body may be between two of them). {@link #sent()} counts sends that completed, that is
 * events the response took: each one was requested downstream and handed to it, but it may still sit in Spring's,
 * Netty's or the kernel's buffers rather than at the client.
 */
@Component
final class EventStats {
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();

    EventStats() {
    }

    /** The counters as read one after the other, with {@code running = started - ended}. */
    record Snapshot(long started, long running, long cancelled, long sent) {
    }

    void started() {
        started.incrementAndGet();
    }

    void ended() {
        ended.incrementAndGet();
    }

    void cancelled() {
        cancelled.incrementAndGet();
    }

    void sent() {
        sent.incrementAndGet();
    }

    /** Bodies that ended because a send (or a wait) saw their context cancelled: the client left, or the server. */
    long cancelledCount() {
        return cancelled.get();
    }

    /** Events sent by every body so far. */
    long sentCount() {
        return sent.get();
    }

    /** Bodies started and not yet ended. */
    long running() {
        return started.get() - ended.get();
    }

    Snapshot snapshot() {
        long e = ended.get(); // before started: `running` is never negative
        long s = started.get();
        return new Snapshot(s, s - e, cancelled.get(), sent.get());
    }
}
