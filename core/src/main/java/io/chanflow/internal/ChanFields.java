package io.chanflow.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fields of a channel that every operation writes, declared in superclasses so that HotSpot lays them out first
 * and together, right after the object header (it places a superclass's fields before a subclass's, and within a
 * class groups them by size, which scatters them among the read-only ones). A hand-off between two cores then moves
 * one cache line, not two. The read-only fields ({@link ChanFields}) follow; nobody writes their line, so both cores
 * keep a copy. See docs/adr/0006-hot-field-layout.md.
 */
abstract class ChanDepFields {
    /**
     * The waiting sender's deposit (see {@link Deposit}): {@code null} when a sender may
     * deposit without the lock; its element, or a {@link Deposit.Held} of it, while it waits; else a
     * {@link Deposit.DepMark}. {@code depThread} is the depositor, once it announced its park.
     */
    volatile Object dep;
    volatile Thread depThread;
}

abstract class ChanHotFields extends ChanDepFields {
    /** 0 free, 1 held: see {@link SpinLock}. */
    volatile int lock;

    // All below guarded by `lock`.
    int head;
    int count;
    Node recvHead, recvTail, sendHead, sendTail;

    /**
     * The nodes claimed from {@link Waiter#PARKED} by {@link ChanEngine#sendNow}, {@link ChanEngine#receiveNow} and
     * {@link FeedReceive#feedStaged} since the last {@link WaitQueue#takeClaimed()}, chained through
     * {@link Node#next} (they are unlinked, so the link is free): their owners are to be unparked by the caller once
     * it has released the lock (and, for a select, every other lock), with {@link WaitQueue#release}. Nodes claimed while their owner spun are
     * not here: their owners see the claim by themselves.
     */
    Node claimed;

    /**
     * The first receiver (see {@link Slot}): its state, taken under the lock and decided by CAS with or without it;
     * its thread, written by the taker under the lock before it publishes the state; the item, written by the
     * claimer that holds the state {@link Slot#SLOT_BUSY}; both cleared by the receiver itself once it has seen
     * {@link Slot#SLOT_DONE} (or given up), before it frees the slot.
     */
    volatile int slot;
    Thread slotThread;
    Object slotItem;

    /** Guarded by {@code lock}: the slot's waiter that a claim found parked, to unpark after unlocking. */
    Thread slotWake;

    /** Guarded by {@code lock}: newcomers that found the slot not yet freed, less slots taken (see slotMissed). */
    int slotMisses;
}

/**
 * The rest of a channel's state: what every layer of the engine reads, and the circular buffer. The layers above
 * ({@link SpinLock}, {@link Slot}, {@link Deposit}, {@link WaitQueue}, {@link FeedReceive}, {@link ChanEngine}) add
 * algorithms and no fields, so a channel stays one object laid out as these three classes declare it.
 */
abstract class ChanFields extends ChanHotFields {
    private static final AtomicLong IDS = new AtomicLong();

    /** Creation order; gives a total order on channels for a select that must lock several. */
    final long id = IDS.getAndIncrement();
    final int capacity; // of the buffer (a feed's buffers one more than cap() when asked for 0)
    final Object[] buf; // null when unbuffered

    // Guarded by `lock`, with the fields of ChanHotFields.
    boolean closed;
    /**
     * The slot's standing: {@link Slot#SLOT_UNUSED} until a receiver first takes it, then {@link Slot#SLOT_USED}, and
     * {@link Slot#SLOT_OFF} for good once {@code slotMisses} reaches {@link Tuning#SLOT_MISS_LIMIT}. Written under the lock, at
     * most twice in the channel's life; read also without it, by {@link Slot#slotServes()}, as a hint (a stale value
     * costs one read of the hot line, or one lock-free claim missed). It lies here, away from the hot fields, so that
     * this read hits a line nobody writes: a sender whose receivers never use the slot (a select, a queue of
     * receivers) does not read the hot line before it locks it, which would fetch the line twice.
     */
    byte slotMode;
    /** What receives report once closed and drained: {@link Signal#CLOSED}, or a {@link Failure} with the cause. */
    Object closure = Signal.CLOSED;

    /**
     * A feed's staging ring, with the fields its producer uses and, on lines of their own, the receivers' accounts
     * of it and the feed itself; {@code null} for other channels, which so pay one field for feeds. See {@link FeedReceive}.
     */
    final FeedRing ring;

    /**
     * The functions {@link ChanEngine#watchClose} registered, run once by the close; {@code null} until the first one. Guarded
     * by this channel's monitor, not by {@code lock}, so the spin lock's critical sections stay allocation-free and
     * channels nobody watches pay one null field.
     */
    List<Runnable> closeWatchers;

    /**
     * A channel whose buffer holds {@code bufferSize} elements; for a feed, with its ring, whose feed tells
     * {@link ChanEngine#cap()}.
     */
    ChanFields(int bufferSize, FeedRing ring) {
        if (bufferSize < 0) {
            throw new IllegalArgumentException("makechan: size out of range (negative capacity " + bufferSize + ")");
        }
        this.capacity = bufferSize;
        this.buf = bufferSize == 0 ? null : new Object[bufferSize];
        this.ring = ring;
    }

    void bufferPut(Object e) {
        int tail = head + count;
        buf[tail >= capacity ? tail - capacity : tail] = e;
        count++;
    }

    Object bufferTake() {
        Object e = buf[head];
        buf[head] = null;
        head = head + 1 == capacity ? 0 : head + 1;
        count--;
        if (ring != null) {
            ring.departed();
        }
        return e;
    }

    boolean isClosedLocked() {
        return closed;
    }

    /**
     * What a send on this closed channel throws. The caller saw the channel closed, under the lock or through a
     * claim; the closure never changes once set, so this is read after the lock is released. It must be: for an
     * {@link Error} cause it throws the cause itself instead of returning, which under the lock would leave the
     * channel locked forever.
     */
    RuntimeException sendOnClosed() {
        return Failure.exception(closure, "send on closed channel");
    }

    /** Whether a feed feeds this channel (see {@link FeedReceive}). */
    boolean isFed() {
        return ring != null;
    }
}
