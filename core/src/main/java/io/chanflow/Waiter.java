package io.chanflow;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A parked goroutine waiting for one of its channel operations to be completed by another goroutine.
 *
 * <h2>Implementation overview</h2>
 * A waiter is the decision point of a blocking operation. A plain {@code send}/{@code receive} has one
 * {@link Node} that is its own waiter; a {@code select} has one waiter shared by a node per case. Whoever wants
 * to complete the operation (a counterpart, a closer) must first <em>claim</em> the waiter with a CAS from
 * undecided ({@link #WAITING} or {@link #PARKED}) to the index of the case it completes; the waiting thread itself
 * gives up by CASing from {@link #PARKED} to {@link #TIMED_OUT} or {@link #INTERRUPTED}. Exactly one of these
 * CASes succeeds, which is the whole interruption protocol: if the hand-off wins, the operation completes and the
 * interrupt flag is restored; if the interrupt wins, nothing was transferred.
 *
 * <p>Parking needs no second flag. The waiting thread spins while the state is {@link #WAITING}, then CASes it to
 * {@link #PARKED} before it parks. A claimer's CAS from {@link #WAITING} either succeeds, and the thread, which has
 * not yet parked, sees the claim in its spin or when its own CAS to {@link #PARKED} fails; or it fails with
 * {@link #PARKED} as the witness, and the claimer CASes from {@link #PARKED} and must unpark the thread. Both
 * outcomes come from the one word the claimer already writes, so a claimer that finds its counterpart spinning
 * neither unparks it nor touches the waiter again (its line stays with the spinning thread, which reads it next).
 * The JDK's {@code LinkedTransferQueue} keeps a separate "will park" field ({@code waiter}) instead, which the
 * matcher reads after its match: one more read of a line the waiting thread is about to take back. Go's runtime
 * needs neither, because its channel waiters park at once, without spinning.
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@code state} goes from {@link #WAITING}, possibly through {@link #PARKED}, to a decision (a case index,
 *       {@link #TIMED_OUT} or {@link #INTERRUPTED}) exactly once, and never returns.</li>
 *   <li>Only the waiting thread moves {@link #WAITING} to {@link #PARKED}, and it gives up only from
 *       {@link #PARKED}: a thread still spinning never times out or reacts to an interrupt.</li>
 *   <li>A claimer writes the outcome into the claimed {@link Node#item} <em>before</em> its CAS, so the waiter,
 *       having read {@code state} (volatile), reads the item without further synchronisation.</li>
 *   <li>The waiter's thread is unparked exactly when a claim moved it from {@link #PARKED}
 *       ({@link #CLAIMED_PARKED}), and only after the claimer has released the channel lock (no lock is held across
 *       an unpark).</li>
 * </ul>
 */
class Waiter {
    /** Not yet decided. Case indexes (claims) are {@code >= 0}. */
    static final int WAITING = -1;
    /** The waiting thread gave up because its deadline passed. */
    static final int TIMED_OUT = -2;
    /** The waiting thread gave up because it was interrupted. */
    static final int INTERRUPTED = -3;
    /** Not yet decided, and the waiting thread stopped spinning: a claimer must unpark it. */
    static final int PARKED = -4;

    /** {@link #tryClaim} results: the waiter was decided already; claimed while spinning; claimed while parked. */
    static final int LOST = 0, CLAIMED = 1, CLAIMED_PARKED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * How many times a waiter re-reads its state, with {@link Thread#onSpinWait()}, before parking. Parking and
     * unparking a virtual thread costs microseconds (unmount, scheduler submit, remount), while a counterpart on
     * another carrier often arrives within a fraction of that: a short spin turns most rendezvous into a hand-off
     * without park. With a single carrier (or CPU) the counterpart cannot run while we spin, so we do not spin.
     * 128 is the JDK's {@code LinkedTransferQueue} figure; on the 2-core machine of the README's benchmarks,
     * 16 to 1024 spins (with or without a {@code Thread.yield()} before parking) measured within the noise of one
     * another. Override with {@code -Dio.chanflow.spins=N}.
     */
    static final int SPINS = spins();

    /**
     * Whether a sender on an unbuffered channel that finds no receiver waits with its element in the channel's
     * deposit (see "The waiting sender" in {@link Chan}) rather than in a node: on several carriers, where the
     * deposit saves the cache-line crossings it was made for. On one carrier nothing crosses, the counterpart runs
     * only once the sender parks, and the node measured faster (one way 0.91 of {@code SynchronousQueue}'s speed
     * with the deposit, a tie without). Override with {@code -Dio.chanflow.deposit=true|false}.
     */
    static final boolean DEPOSITS = Boolean.parseBoolean(
            System.getProperty("io.chanflow.deposit", Boolean.toString(carriers() > 1)));

    /**
     * How many times a send or receive on a <em>buffered</em> channel spins before parking: 0 unless overridden with
     * {@code -Dio.chanflow.bufferedSpins=N}. A receiver that finds the buffer empty waits for a slower sender (and a
     * sender that finds it full, for a slower receiver). Spinning there makes the faster side chase the slower one
     * element by element, both on the same cache lines of the buffer and the lock, which then cross between the
     * cores on every element; parking lets the slower side get ahead by a batch that the faster side then takes in
     * one run. Measured on the README's 2-core machine, JMH, same run against the same peers: one-way buffered(16)
     * 157 ± 80 ns/item with 0 spins against 247 ± 50 with 128; 4 × 4 on buffered(1024) 140 ± 40 against 168 ± 57;
     * a Flux consumed through a channel 143 ± 82 against 168 ± 111. A rendezvous (unbuffered channel, select) keeps
     * {@link #SPINS}: there the counterpart is about to arrive (a one-way unbuffered transfer took about 600 ns per
     * element without spinning against 210 with 128 spins, in a plain timing loop on the same machine).
     */
    static final int BUFFERED_SPINS = Math.max(0, Integer.getInteger("io.chanflow.bufferedSpins", 0));

    /**
     * How many times a virtual thread that finds a {@link ChannelFeed}'s channel empty yields its carrier, retrying
     * after each, before it queues up and parks: 1 with more than one carrier, 0 with one; override with
     * {@code -Dio.chanflow.feedYields=N}. Platform threads never yield there, and neither does a select (nor so the
     * receive forms that take a {@code Context}): they queue up at once, as on any channel.
     *
     * <p>A receiver parked on a feed's channel makes the feed's next offer take the channel's lock and unpark it
     * ({@link Chan#handOverStaged}), on the producer's thread, which is the slower side of a bridge; the receiver
     * then resumes only after a scheduler's round trip, and soon catches up with the producer and parks again. A
     * yield costs the receiver about a microsecond on its own carrier and the producer nothing: the producer
     * stages a run of elements meanwhile, without the lock, and the receiver takes the run. On one carrier the
     * producer runs only when the receiver leaves the carrier either way, and the yield measured a few per cent
     * slower than parking at once. Measured on the README's 2-core machine, with its slow core-to-core round trip,
     * in 300 alternating rounds within one JVM (Chanflow's time ÷ the native blocking iterable's): the Flow
     * bridge's consumption of a Flux 0.72 parking at once, 0.60 with one yield; the Reactor bridge's 0.64 and 0.55;
     * the RxJava bridge's 0.57 either way. One, two and three yields measured alike. Counted with an instrumented
     * build on the Flow and Reactor rows: parking at once, 32–48 parks and 31–45 locked hand-overs per 1 000
     * elements; with one yield, 26–60 yields per 1 000, 99 % of them followed by an element, and 0.2–0.3 parks.
     */
    static final int FEED_YIELDS = Math.max(0, Integer.getInteger("io.chanflow.feedYields", carriers() > 1 ? 1 : 0));

    private static int carriers() {
        int cpus = Runtime.getRuntime().availableProcessors();
        return Math.min(cpus, Integer.getInteger("jdk.virtualThreadScheduler.parallelism", cpus));
    }

    private static int spins() {
        int dflt = carriers() > 1 ? 128 : 0;
        return Math.max(0, Integer.getInteger("io.chanflow.spins", dflt));
    }

    /** The thread to unpark on a claim. */
    final Thread thread;

    /**
     * {@link #WAITING} (from the constructor on) or {@link #PARKED} while undecided; then a claimed case index
     * {@code >= 0}, {@link #TIMED_OUT} or {@link #INTERRUPTED}.
     */
    private volatile int state;

    Waiter() {
        this.thread = Thread.currentThread();
        // A plain write, not a volatile one: a volatile store is followed by a full fence, and a node is made while
        // its channel's lock is held. Nobody else reads the state before the node is published, and it is published
        // only through that lock (enqueue, then unlock: a release) to claimers that take the lock before their CAS.
        STATE.set(this, WAITING);
    }

    /**
     * Claims this waiter for case {@code index}; at most one claim (or give-up) ever succeeds. Returns
     * {@link #LOST} if the waiter was already decided, {@link #CLAIMED} if it was still spinning (it sees the claim
     * by itself), or {@link #CLAIMED_PARKED} if it may be parked: the claimer must then
     * {@link java.util.concurrent.locks.LockSupport#unpark unpark} {@link #thread}, after releasing its locks.
     */
    final int tryClaim(int index) {
        int s = (int) STATE.compareAndExchange(this, WAITING, index);
        if (s == WAITING) {
            return CLAIMED;
        }
        if (s == PARKED && STATE.compareAndSet(this, PARKED, index)) {
            return CLAIMED_PARKED;
        }
        return LOST;
    }

    /** Whether no claim or give-up has decided this waiter yet. */
    final boolean undecided() {
        int s = state;
        return s == WAITING || s == PARKED;
    }

    /**
     * Parks until claimed, interrupted, or (if {@code timed}) past {@code deadline} on the {@link System#nanoTime}
     * clock. Returns the final state: a claimed index, {@link #TIMED_OUT} or {@link #INTERRUPTED}. When the claim
     * wins the race against an interrupt, the interrupt flag is left set for the caller.
     */
    final int await(boolean timed, long deadline, Object blocker) {
        return await(timed, deadline, blocker, SPINS);
    }

    final int await(boolean timed, long deadline, Object blocker, int spinLimit) {
        for (int spins = spinLimit; spins > 0; spins--) {
            if (state != WAITING) {
                return state;
            }
            Thread.onSpinWait();
        }
        int w = (int) STATE.compareAndExchange(this, WAITING, PARKED); // from now on a claimer unparks us
        if (w != WAITING) {
            return w; // claimed while spinning
        }
        Goroutine g = Goroutine.current(); // only now: a goroutine about to park shows what it waits on
        if (g != null) {
            g.blockedOn(blocker);
        }
        try {
            int s;
            while ((s = state) == PARKED) {
                if (Thread.interrupted()) {
                    if (STATE.compareAndSet(this, PARKED, INTERRUPTED)) {
                        return INTERRUPTED;
                    }
                    // The hand-off won: complete, and leave the interrupt for the caller to see.
                    Thread.currentThread().interrupt();
                    return state;
                }
                if (timed) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0L) {
                        if (STATE.compareAndSet(this, PARKED, TIMED_OUT)) {
                            return TIMED_OUT;
                        }
                        continue; // claimed meanwhile: the loop reads the claim
                    }
                    LockSupport.parkNanos(blocker, remaining);
                } else {
                    LockSupport.park(blocker);
                }
            }
            return s;
        } finally {
            if (g != null) {
                g.blockedOn(null);
            }
        }
    }
}
