package io.chanflow;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The staging ring of a {@link ChannelFeed}'s channel: what the feed's producer writes on every offer, kept on cache
 * lines of its own, and the receivers' accounts of the ring. See "Feeds" in {@link Chan}'s overview for the
 * protocol.
 *
 * <p>The fields the producer writes or reads on every offer ({@link FeedRingFields}) sit between two blocks of
 * padding (a superclass's fields are laid out before a subclass's), so that the receivers' writes, which happen on
 * every receive, do not invalidate them, and the producer's writes do not invalidate the receivers' lines. The
 * receivers write there only when they start or stop waiting and when the channel closes. Their own fields, all
 * guarded by the channel's lock, come after the second block; they live here rather than in {@link Chan} so that a
 * channel that is not a feed's does not carry them.
 */
final class FeedRing extends FeedRingPad2 {
    /** Volatile access to {@link #slots}' elements: an element is published by its slot, not by a shared index. */
    static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle LEFT;
    private static final VarHandle REPORT_DUE;

    static {
        try {
            LEFT = MethodHandles.lookup().findVarHandle(FeedRing.class, "left", long.class);
            REPORT_DUE = MethodHandles.lookup().findVarHandle(FeedRing.class, "reportDue", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // ---------------------------------------------------------------- the receivers' side, guarded by the lock
    //
    // All long, though ints would do: HotSpot lays out a subclass's field in any hole its superclasses' fields left
    // that it fits, and an int fits the 4-byte hole the producer's fields can leave before the padding. There a
    // receiver's write on every element would share a cache line with the producer's fields (measured: 40 % slower
    // consumption). A long never fits such a hole, so these stay behind the padding.

    /** The ring slot of the oldest staged element, the next to take or move into the channel's buffer. */
    long headIndex;
    /**
     * How many elements left the channel (taken, handed over or dropped). Written under the lock with release
     * semantics, after the slots they emptied were cleared; read by the producer, with acquire, in {@link #stage}.
     */
    private long left;
    /** The listener's {@link ChannelFeed#ChannelFeed(int, int, ChannelFeed.Listener) batch}. */
    private final long reportBatch;
    /** The feed, told of what was taken ({@link Chan#reportTaken}); kept here so other channels need no field for it. */
    final ChannelFeed<?> feed;
    /** Elements taken since the last full batch. */
    private long unreported;
    /**
     * Full batches of taken elements not yet told to the feed's listener. Added to under the lock; emptied, with
     * {@code getAndSet}, by whoever finds it non-zero after unlocking ({@link Chan#reportTaken}), so each batch is
     * told exactly once and never with a lock held.
     */
    volatile long reportDue;

    FeedRing(int size, int reportBatch, ChannelFeed<?> feed) {
        super(size);
        this.reportBatch = reportBatch;
        this.feed = feed;
    }

    /**
     * One taken element left the channel: frees its room for the producer, and counts it toward the listener's
     * batch. Caller holds the lock and has cleared its slot.
     */
    void departed() {
        LEFT.setRelease(this, left + 1);
        if (++unreported == reportBatch) { // counted under the lock: no atomic per element
            unreported = 0;
            REPORT_DUE.getAndAdd(this, reportBatch);
        }
    }

    /** {@code n} elements staged after the close were dropped: frees their room, never told. Caller holds the lock. */
    void dropped(int n) {
        LEFT.setRelease(this, left + n);
    }

    /** Empties {@link #reportDue}: the elements to tell the listener of now. No lock needed. */
    int takeReport() {
        return (int) (long) REPORT_DUE.getAndSet(this, 0L);
    }

    /**
     * Stages {@code e}, without the channel's lock unless receivers wait. Called by {@link ChannelFeed#offer} only,
     * one call at a time. Returns {@code false}, changing nothing, if the channel holds as many elements as its
     * buffer (the source sent more than it was asked for); {@code true} if it was staged, or dropped because the
     * channel is closed. Reads nothing the receivers write on every receive (see the class comment).
     */
    boolean stage(Object e) {
        if (closed) {
            return true; // a hint only: the channel drops what was staged after its close
        }
        Object[] s = slots;
        int t = tail;
        if (t - leftSeen >= s.length) {
            leftSeen = (int) (long) LEFT.getAcquire(this); // counts compared modulo 2^32, as tail is
            if (t - leftSeen >= s.length) {
                return false;
            }
        }
        // t - left < length, and every element that left was first moved out of the ring (clearing its slot) by a
        // lock holder, which happened-before our read of left: slot i is free.
        int i = tailIndex;
        SLOT.setVolatile(s, i, e); // publishes the element, and orders the read of receiversWait after it (Dekker)
        tailIndex = i + 1 == s.length ? 0 : i + 1;
        tail = t + 1;
        if (receiversWait) { // a receiver may have enqueued before it could see the element: hand it over
            chan.handOverStaged();
        }
        return true;
    }
}

/** Padding before {@link FeedRingFields}. */
abstract class FeedRingPad {
    /**
     * Fills the 4 bytes between the object header and the first long, where HotSpot would otherwise put an int or a
     * reference of a subclass (measured: the producer's {@code tail}), outside the padding.
     */
    int p00;
    long p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15;
}

/** The producer's fields of {@link FeedRing}. */
abstract class FeedRingFields extends FeedRingPad {
    /** The channel; set once, before the feed is published. */
    Chan<?> chan;
    /** Slot {@code i} holds the element of count {@code i} (modulo the length) from its staging until it is moved. */
    final Object[] slots;
    /**
     * How many elements were staged. The producer's only: receivers find staged elements by reading the slots, so
     * that they never pull this line from the producer's core (a single-producer ring in the manner of JCTools).
     */
    int tail;
    /** {@code tail} modulo the ring's length: the slot of the next element. The producer's only. */
    int tailIndex;
    /** The producer's last reading of the channel's count of elements that left it. The producer's only. */
    int leftSeen;
    /** {@code true} while receivers wait in the channel's queue. Written under the channel's lock. */
    volatile boolean receiversWait;
    /** Set under the channel's lock when it closes; a hint for the producer, who may then drop without staging. */
    volatile boolean closed;

    FeedRingFields(int size) {
        this.slots = new Object[size];
    }
}

/** Padding between the producer's fields and the receivers' (those of {@link FeedRing} itself). */
abstract class FeedRingPad2 extends FeedRingFields {
    long q0, q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11, q12, q13, q14, q15;

    FeedRingPad2(int size) {
        super(size);
    }
}
