package io.chanflow.internal;

/**
 * Internal outcomes of the channel engine that travel where an element could travel.
 *
 * <p>They are an enum of the engine, not exported, so that no user value can ever be mistaken for one: user elements are
 * never {@code null} and never of this type (the type is not visible outside the package).
 */
public enum Signal {
    /** The channel is closed (and, for a receive, drained). */
    CLOSED,
    /** A non-blocking or timed operation could not proceed now (Go's {@code default} case, or a timeout). */
    NONE
}
