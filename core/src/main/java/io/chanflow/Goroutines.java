package io.chanflow;

import io.chanflow.internal.ChannelWait;
import io.chanflow.internal.Goroutine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Diagnostics: the goroutines Chanflow started and what each one is waiting for, like the dump Go prints when a
 * program deadlocks or receives {@code SIGQUIT}.
 *
 * <pre>{@code
 * System.err.print(Goroutines.dump());
 * // goroutine 7 [chan receive]: on chan#3(cap 0)
 * //     java.base/jdk.internal.misc.Unsafe.park(Native Method)
 * //     ...
 * //     io.chanflow.Chan.receive(Chan.java:120)
 * //     com.example.Worker.run(Worker.java:31)
 * }</pre>
 *
 * <p>Only goroutines started by {@link Go} are listed, as by {@link Go#numGoroutine()}. Taking a stack is far
 * slower than any channel operation: this is for diagnosis and tests, not for a loop. Nothing here slows down
 * channel operations; a goroutine records what it waits on only when it is about to park.
 */
public final class Goroutines {
    private Goroutines() {
    }

    /**
     * A snapshot of the live goroutines in start order (by {@link GoroutineInfo#id()}). Each call returns a new,
     * unmodifiable list. Goroutines that start or end while it is taken may or may not be included; see
     * {@link GoroutineInfo} for how far each entry is consistent.
     */
    public static List<GoroutineInfo> live() {
        List<Goroutine> gs = new ArrayList<>(Goroutine.live());
        gs.sort(Comparator.comparingLong(g -> g.id));
        List<GoroutineInfo> out = new ArrayList<>(gs.size());
        for (Goroutine g : gs) {
            out.add(snapshot(g));
        }
        return List.copyOf(out);
    }

    /**
     * The live goroutines as text in the shape of Go's goroutine dump: one block per goroutine (see
     * {@link GoroutineInfo#toString()}), separated by blank lines; the empty string when none is live.
     */
    public static String dump() {
        return dump(live());
    }

    /** The given snapshots as text in the shape of {@link #dump()}. */
    public static String dump(List<GoroutineInfo> goroutines) {
        StringBuilder sb = new StringBuilder();
        for (GoroutineInfo g : goroutines) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            g.appendTo(sb);
        }
        return sb.toString();
    }

    /*
     * The stack is taken between two reads of blockedOn: if both reads see the same blocker, the goroutine was
     * parked on it (or about to park, or just woken) the whole time, and the stack shows that wait. Otherwise the
     * goroutine moved on and the thread's own state is reported with the stack; a second try would only race again.
     */
    private static GoroutineInfo snapshot(Goroutine g) {
        Object before = g.blockedOn();
        StackTraceElement[] stack = g.thread.getStackTrace();
        Object after = g.blockedOn();
        GoroutineInfo.State state;
        String channel = null;
        if (before != null && before == after) {
            if (before instanceof ChannelWait w) { // a node, or a channel's slot or deposit
                state = w.isSend() ? GoroutineInfo.State.CHAN_SEND : GoroutineInfo.State.CHAN_RECEIVE;
                channel = w.channel().toString();
            } else if (before instanceof GoroutineInfo.State s) {
                state = s;
            } else {
                throw new IllegalStateException("unexpected blocker " + before);
            }
        } else {
            state = GoroutineInfo.State.of(g.thread.getState());
        }
        return new GoroutineInfo(g.id, g.name(), state, channel, stack);
    }
}
