package io.chanflow;

import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one live goroutine, as listed by {@link Goroutines#live()}: the Java form of one block of Go's
 * goroutine dump ({@code goroutine 7 [chan receive]:} and its stack).
 *
 * <p>Immutable. The fields were read one after another from a running goroutine, not under a common lock: a
 * goroutine that moves on while it is being looked at may show a state and a stack from two nearby moments (for
 * example {@link State#RUNNING} with a stack that is already inside a park). A goroutine that stays blocked shows
 * a consistent picture, which is what a dump is for.
 */
public final class GoroutineInfo {

    /**
     * What a goroutine is doing, in the words of Go's dump. The channel and select states are exact (Chanflow
     * records them when the goroutine parks); the others come from {@link Thread.State} and describe blocking that
     * Chanflow does not see (locks, {@code Thread.sleep}, I/O, other libraries).
     */
    public enum State {
        /** Parked in a receive on a channel (plain, timed, context-bound or ranging). */
        CHAN_RECEIVE("chan receive"),
        /** Parked in a send on a channel. */
        CHAN_SEND("chan send"),
        /** Parked in a select with at least one case. */
        SELECT("select"),
        /** Parked in a select whose cases are all nil channels (blocks until interrupted). */
        SELECT_NO_CASES("select (no cases)"),
        /** Running or ready to run ({@link Thread.State#RUNNABLE}), or not yet started. */
        RUNNING("running"),
        /** In a timed wait outside Chanflow: {@code Thread.sleep}, a timed park or join. */
        SLEEP("sleep"),
        /** In an untimed wait outside Chanflow ({@link Thread.State#WAITING}). */
        WAITING("waiting"),
        /** Waiting to enter a {@code synchronized} block ({@link Thread.State#BLOCKED}). */
        BLOCKED("blocked"),
        /** Finished between being listed and being looked at. */
        TERMINATED("terminated");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** The state as Go's dump prints it between brackets, for example {@code "chan receive"}. */
        public String label() {
            return label;
        }

        /** {@code true} for the states Chanflow records itself: a parked channel operation or select. */
        public boolean isChannelWait() {
            return this == CHAN_RECEIVE || this == CHAN_SEND || this == SELECT || this == SELECT_NO_CASES;
        }

        @Override
        public String toString() {
            return label;
        }

        static State of(Thread.State s) {
            return switch (s) {
                case NEW, RUNNABLE -> RUNNING;
                case TIMED_WAITING -> SLEEP;
                case WAITING -> WAITING;
                case BLOCKED -> BLOCKED;
                case TERMINATED -> TERMINATED;
            };
        }
    }

    private final long id;
    private final String name;
    private final State state;
    private final String channel;
    private final StackTraceElement[] stack;

    GoroutineInfo(long id, String name, State state, String channel, StackTraceElement[] stack) {
        this.id = id;
        this.name = Objects.requireNonNull(name);
        this.state = Objects.requireNonNull(state);
        this.channel = channel;
        this.stack = stack.clone();
    }

    /** The goroutine's number: unique in this JVM, increasing in start order, the {@code N} of goroutine-N. */
    public long id() {
        return id;
    }

    /** The name given to {@link Go#go(String, Task)}, or {@code goroutine-<id>}. */
    public String name() {
        return name;
    }

    /** What the goroutine is doing. */
    public State state() {
        return state;
    }

    /**
     * The channel a {@link State#CHAN_SEND} or {@link State#CHAN_RECEIVE} goroutine is parked on, described as
     * {@code chan#<n>(cap <capacity>)}; empty in every other state (a select waits on several channels at once).
     */
    public Optional<String> channel() {
        return Optional.ofNullable(channel);
    }

    /** The goroutine's stack, innermost frame first; a new copy on each call. May be empty if it just ended. */
    public StackTraceElement[] stackTrace() {
        return stack.clone();
    }

    /**
     * This goroutine as one block of a Go-style dump: a header {@code goroutine 7 [chan receive]:}, followed by the
     * user's name if one was given and the channel if parked on one, then one indented line per stack frame.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64 + 64 * stack.length);
        appendTo(sb);
        return sb.toString();
    }

    void appendTo(StringBuilder sb) {
        sb.append("goroutine ").append(id).append(" [").append(state.label()).append("]:");
        if (!name.equals("goroutine-" + id)) {
            sb.append(" \"").append(name).append('"');
        }
        if (channel != null) {
            sb.append(" on ").append(channel);
        }
        sb.append('\n');
        for (StackTraceElement e : stack) {
            sb.append('\t').append(e).append('\n');
        }
    }
}
