package io.chanflow.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry entry of one live goroutine started by {@link io.chanflow.Go}.
 *
 * <p>Kept off the hot path and small: an entry is added and removed once per goroutine, and {@link #blockedOn}
 * is written only by a goroutine that is about to park anyway (never on a send or receive that completes at once).
 * There is no thread-local (a virtual thread's first thread-local allocates a whole map) and no name string unless
 * the user gave one: the registry's own map finds the current entry, and {@link #name()} is derived from the id.
 */
public final class Goroutine {
    private static final ConcurrentHashMap<Thread, Goroutine> LIVE = new ConcurrentHashMap<>();

    public final long id;
    public final Thread thread;

    /**
     * What this goroutine is parked on right now, or {@code null}: the {@link Node} of a single channel operation, or
     * {@link io.chanflow.GoroutineInfo.State#SELECT} / {@link io.chanflow.GoroutineInfo.State#SELECT_NO_CASES}; nothing else. Set just before
     * parking and cleared after waking, so it may lag the real state by a spin or a wake-up.
     */
    private volatile Object blockedOn;

    private Goroutine(long id, Thread thread) {
        this.id = id;
        this.thread = thread;
    }

    /** Registers {@code t} as goroutine {@code id}; called by {@link io.chanflow.Go} before the thread starts. */
    public static Goroutine register(long id, Thread t) {
        Goroutine g = new Goroutine(id, t);
        LIVE.put(t, g);
        return g;
    }

    /** Unregisters the goroutine: last thing on its own thread, or if its thread could not start. */
    public void exit() {
        LIVE.remove(thread, this);
    }

    /** The calling thread's entry, or {@code null} if it was not started by {@link io.chanflow.Go}. */
    public static Goroutine current() {
        return LIVE.get(Thread.currentThread());
    }

    public static int count() {
        return LIVE.size();
    }

    public static Collection<Goroutine> live() {
        return Collections.unmodifiableCollection(LIVE.values());
    }

    public void blockedOn(Object what) {
        blockedOn = what;
    }

    public Object blockedOn() {
        return blockedOn;
    }

    /** The thread's name if the user gave one, else {@code goroutine-<id>}. */
    public String name() {
        String n = thread.getName();
        return n.isEmpty() ? "goroutine-" + id : n;
    }

    @Override
    public String toString() {
        Object b = blockedOn;
        return "goroutine " + id + " [" + (b == null ? "running" : b) + "] " + name();
    }
}
