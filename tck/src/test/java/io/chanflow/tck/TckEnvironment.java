package io.chanflow.tck;

import org.reactivestreams.tck.TestEnvironment;

/**
 * The timeouts every verification here shares. The machine that runs the build may be busy (two cores, another
 * build next to this one), so the defaults leave slack; raise them with {@code -Dchanflow.tck.timeoutMillis=...}
 * rather than making a test flaky.
 */
final class TckEnvironment {
    /** How long the TCK waits for a signal it expects. */
    static final long TIMEOUT_MILLIS = Long.getLong("chanflow.tck.timeoutMillis", 500L);
    /** How long the TCK watches for a signal it expects not to come. */
    static final long NO_SIGNALS_TIMEOUT_MILLIS = Math.max(100L, TIMEOUT_MILLIS / 2);
    /** How often the TCK polls while it waits. */
    static final long POLL_TIMEOUT_MILLIS = Math.max(10L, TIMEOUT_MILLIS / 20);
    /** How long a cancelled publisher may keep a reference to its subscriber before §3.13 fails. */
    static final long PUBLISHER_REFERENCE_GC_TIMEOUT_MILLIS = Math.max(2_000L, TIMEOUT_MILLIS * 4);

    private TckEnvironment() {
    }

    static TestEnvironment create() {
        return new TestEnvironment(TIMEOUT_MILLIS, NO_SIGNALS_TIMEOUT_MILLIS, POLL_TIMEOUT_MILLIS);
    }
}
