package io.chanflow.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.IntConsumer;

/**
 * The staging ring of a {@code io.chanflow.feed.ChannelFeed}'s channel: what the feed's producer writes on every offer, kept on cache
 * lines of its own, and the receivers' accounts of the ring. See {@link FeedReceive} for the
 * protocol.
 *
 * <p>The fields the producer writes or reads on every offer ({@link FeedRingFields}) sit between two blocks of
 * padding (a superclass's fields are laid out before a subclass's), so that the receivers' writes, which happen on
 * every receive, do not invalidate them, and the producer's writes do not invalidate the receivers' lines. The
 * receivers write there only when they start or stop waiting and when the channel closes. Their own fields, all
 * guarded by the channel's lock, come after the second block; they live here rather than in {@link ChanEngine} so that a
 * channel that is not a feed's does not carry them.
 */
public final class FeedRing extends FeedRingPad2 {
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
    // All long, though ints would do: an int can land in a hole before the padding, on the producer's line.
    // See docs/adr/0006-hot-field-layout.md.

    /** The ring slot of the oldest staged element, the next to take or move into the channel's buffer. */
    long headIndex;
    /**
     * How many elements left the channel (taken, handed over or dropped). Written under the lock with release
     * semantics, after the slots they emptied were cleared; read by the producer, with acquire, in {@link #stage}.
     */
    private long left;
    /** The listener's batch ({@code ChannelFeed(capacity, batch, listener)}). */
    private final long reportBatch;
    /**
     * The feed's listener, told of what was taken ({@link ChanEngine#reportTaken}) and of an iterator closed early;
     * kept here, with the capacity {@code cap()} reports, so other channels need no field for them.
     */
    final IntConsumer taken;
    final Runnable iteratorClosed;
    final int capacity;
    /** Elements taken since the last full batch. */
    private long unreported;
    /**
     * Full batches of taken elements not yet told to the feed's listener. Added to under the lock; emptied, with
     * {@code getAndSet}, by whoever finds it non-zero after unlocking ({@link ChanEngine#reportTaken}), so each batch is
     * told exactly once and never with a lock held.
     */
    volatile long reportDue;

    /** Binds the ring to its channel, once, before the feed is published. */
    public void bind(ChanEngine c) {
        chan = c;
    }

    public FeedRing(int size, int reportBatch, int capacity, IntConsumer taken, Runnable iteratorClosed) {
        super(size);
        this.reportBatch = reportBatch;
        this.capacity = capacity;
        this.taken = taken;
        this.iteratorClosed = iteratorClosed;
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
     * Stages {@code e}, without the channel's lock unless receivers wait. Called by {@code ChannelFeed.offer} only,
     * one call at a time. Returns {@code false}, changing nothing, if the channel holds as many elements as its
     * buffer (the source sent more than it was asked for); {@code true} if it was staged, or dropped because the
     * channel is closed. Reads nothing the receivers write on every receive (see the class comment).
     */
    public boolean stage(Object e) {
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
     * Fills the 4 bytes after the header, where HotSpot would otherwise put a subclass's field outside the padding.
     * See docs/adr/0006-hot-field-layout.md.
     */
    int p00;
    long p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15;
}

/** The producer's fields of {@link FeedRing}. */
abstract class FeedRingFields extends FeedRingPad {
    /** The channel; set once, before the feed is published. */
    ChanEngine chan;
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
