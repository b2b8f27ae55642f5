package io.chanflow;

import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry entry of one live goroutine started by {@link Go}.
 *
 * <p>Kept off the hot path: an entry is added and removed once per goroutine, and {@link #blockedOn} is written
 * only by a goroutine that is about to park anyway (never on a send or receive that completes at once).
 */
final class Goroutine {
    private static final ConcurrentHashMap<Thread, Goroutine> LIVE = new ConcurrentHashMap<>();
    private static final ThreadLocal<Goroutine> CURRENT = new ThreadLocal<>();

    final long id;
    final Thread thread;

    /** What this goroutine is parked on right now (a channel operation), or {@code null}. */
    private volatile Object blockedOn;

    private Goroutine(long id, Thread thread) {
        this.id = id;
        this.thread = thread;
    }

    /** Registers the calling thread as goroutine {@code id}; called first thing on the goroutine's own thread. */
    static Goroutine enter(long id) {
        Thread t = Thread.currentThread();
        Goroutine g = new Goroutine(id, t);
        CURRENT.set(g);
        LIVE.put(t, g);
        return g;
    }

    /** Unregisters the calling goroutine; called last thing on its own thread. */
    void exit() {
        LIVE.remove(thread, this);
        CURRENT.remove();
    }

    /** The calling thread's entry, or {@code null} if it was not started by {@link Go}. */
    static Goroutine current() {
        return CURRENT.get();
    }

    static int count() {
        return LIVE.size();
    }

    static Collection<Goroutine> live() {
        return Collections.unmodifiableCollection(LIVE.values());
    }

    void blockedOn(Object what) {
        blockedOn = what;
    }

    Object blockedOn() {
        return blockedOn;
    }

    String name() {
        return thread.getName();
    }

    @Override
    public String toString() {
        Object b = blockedOn;
        return "goroutine " + id + " [" + (b == null ? "running" : b) + "] " + thread.getName();
    }
}
