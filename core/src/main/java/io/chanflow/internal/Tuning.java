package io.chanflow.internal;

/**
 * Every tunable of the engine, with one line of reason each; the evidence behind each value is in the decision
 * record named. The four that read a system property are set once, when the engine is first used, and are rarely
 * worth changing (see "Tunables" in {@code docs/ARCHITECTURE.md}); the rest are constants.
 *
 * <p>Several defaults depend on the number of <em>carriers</em>, the platform threads that run virtual threads:
 * {@code jdk.virtualThreadScheduler.parallelism}, or the number of CPUs. On one carrier a counterpart cannot run
 * while a thread spins, and nothing crosses between cores, so spinning and the lock-free deposit are switched off.
 */
final class Tuning {
    private Tuning() {
    }

    /** The carriers virtual threads run on. */
    static final int CARRIERS = carriers();

    /**
     * {@code io.chanflow.spins}: how many times a waiter on a rendezvous (an unbuffered channel, a select) re-reads
     * its state before it parks; 128 with several carriers, 0 with one. A counterpart on another carrier often
     * arrives within a fraction of a park's cost; 128 is {@code LinkedTransferQueue}'s figure, and the count matters
     * little as long as the spin is shorter than a park. See docs/adr/0002-spin-before-park.md.
     */
    static final int SPINS = Math.max(0, Integer.getInteger("io.chanflow.spins", CARRIERS > 1 ? 128 : 0));

    /**
     * {@code io.chanflow.bufferedSpins}: the same for a send or receive on a buffered channel; 0. There a waiter
     * waits for a slower side, and parking lets that side get ahead by a batch instead of being chased element by
     * element across the cores. See docs/adr/0002-spin-before-park.md.
     */
    static final int BUFFERED_SPINS = Math.max(0, Integer.getInteger("io.chanflow.bufferedSpins", 0));

    /**
     * {@code io.chanflow.deposit}: whether a sender on an unbuffered channel that finds no receiver waits in the
     * channel's deposit ({@link Deposit}) rather than in a node; on with several carriers, where it saves the
     * cache-line crossings it was made for, off with one, where the node is faster.
     * See docs/adr/0003-waiting-sender-deposit.md.
     */
    static final boolean DEPOSITS = Boolean.parseBoolean(
            System.getProperty("io.chanflow.deposit", Boolean.toString(CARRIERS > 1)));

    /**
     * {@code io.chanflow.feedYields}: how many times a virtual thread that finds a feed's channel empty yields its
     * carrier, retrying after each, before it queues up and parks; 1 with several carriers, 0 with one. Platform
     * threads and selects never yield there. A parked receiver makes the producer take the lock to wake it; a yield
     * lets the producer stage a run without the lock meanwhile. See docs/adr/0005-feed-ring-and-yield.md.
     */
    static final int FEED_YIELDS = Math.max(0, Integer.getInteger("io.chanflow.feedYields", CARRIERS > 1 ? 1 : 0));

    /**
     * Spins before a contender for a channel's lock yields (an unbuffered channel, or a platform thread): a critical
     * section lasts well under this many spin waits. A virtual thread on a buffered channel yields at once.
     * See docs/adr/0001-spin-lock-per-channel.md.
     */
    static final int LOCK_SPINS = 64;

    /**
     * How far a channel's count of newcomers that found the slot not yet freed (net of slots taken) may climb before
     * the slot is switched off for good: a stream, where the slot loses. See docs/adr/0004-first-waiter-slot.md.
     */
    static final int SLOT_MISS_LIMIT = 64;

    /**
     * Elements {@code drainTo} takes per lock acquisition: bounds how long others wait for the lock.
     * See docs/adr/0008-owned-source-batches.md.
     */
    static final int DRAIN_CHUNK = 64;

    private static int carriers() {
        int cpus = Runtime.getRuntime().availableProcessors();
        return Math.min(cpus, Integer.getInteger("jdk.virtualThreadScheduler.parallelism", cpus));
    }
}
