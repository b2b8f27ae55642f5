package io.chanflow.internal;

import java.util.concurrent.ThreadLocalRandom;
import io.chanflow.GoroutineInfo;
import java.util.concurrent.locks.LockSupport;

/**
 * The select engine: Go's {@code runtime/select.go} on {@link ChanEngine}'s locks and {@link Waiter} claims.
 *
 * <h2>Implementation overview</h2>
 * Like Go's {@code selectgo}, in three passes, after a fast one:
 * <ol>
 *   <li><b>Try one at a time</b> ({@link #pollOne}). Visit the cases in a fresh uniformly random permutation and
 *       complete the first that can proceed, locking only its channel, and only if an unlocked read says it might
 *       ({@link ChanEngine#mayBeReady}); a send case hands its value to a receiver waiting in an unbuffered channel's
 *       slot without the lock at all ({@link Slot#sendToSlot}). Most selects in a busy program end here, having
 *       locked one channel or none.</li>
 *   <li><b>Poll.</b> Lock every channel of the select, in channel-id order (a global order, so two selects never
 *       deadlock; a channel named by several cases is locked once). Visit the cases in a fresh uniformly random
 *       permutation and complete the first that can proceed now; a receive on a closed channel can always proceed
 *       (it reports closure), a send on a closed channel is chosen and throws. Choosing the first ready case of a
 *       uniform permutation chooses uniformly among the ready cases. If none is ready and there is a default, unlock
 *       and take it.</li>
 *   <li><b>Enqueue.</b> Still holding every lock, put one {@link SelectNode} per case in its channel's queue, all owned
 *       by one {@link Waiter}; unlock and park. A counterpart or a close completes the select by claiming that
 *       waiter through one of the nodes (one CAS), exactly as for a single blocked operation; since the waiter can
 *       be claimed once, exactly one case completes.</li>
 *   <li><b>Dequeue.</b> After waking, unlink the losing nodes from their channels (each under its own lock; a
 *       losing node can no longer be claimed, so the order does not matter).</li>
 * </ol>
 * Because the select holds all its locks while it polls and enqueues, none of its own nodes is ever visible to its
 * own poll: it cannot pair its own send with its own receive (Go's select3).
 *
 * <p>Cases on the nil channel are never ready and never enqueued; a select with no live case and no default parks
 * until interrupted.
 */
public final class Selector {
    /** Returned for the default case. */
    public static final int DEFAULT = -1;

    /** Park blockers: what a goroutine dump reports for a parked select (typed, so it is read without parsing). */
    private static final GoroutineInfo.State BLOCKED_IN_SELECT = GoroutineInfo.State.SELECT;
    private static final GoroutineInfo.State BLOCKED_IN_EMPTY_SELECT = GoroutineInfo.State.SELECT_NO_CASES;

    private Selector() {
    }

    /**
     * Runs a select and returns the index of the completed case, or {@link #DEFAULT}. For a receive case,
     * {@link SelectCases#received} is set to the element, {@link Signal#CLOSED} or a {@link Failure}.
     *
     * @throws io.chanflow.ChannelClosedException if a send case on a closed channel is chosen (or the cause the channel was
     *         closed with, see {@link Failure})
     * @throws InterruptedException if interrupted before a case completed (then none did)
     */
    public static int select(SelectCases cases) throws InterruptedException {
        int n = cases.size();
        boolean hasDefault = cases.hasDefault();
        if (!hasDefault && Thread.interrupted()) {
            throw new InterruptedException();
        }
        ChanEngine[] chans = new ChanEngine[n];
        for (int i = 0; i < n; i++) {
            chans[i] = cases.chan(i);
        }
        // Live cases (non-nil channels), in a uniformly random poll order and in lock order.
        int[] pollOrder = new int[n];
        int live = 0;
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            if (chans[i] != null) {
                int j = rnd.nextInt(live + 1); // inside-out Fisher-Yates
                pollOrder[live] = pollOrder[j];
                pollOrder[j] = i;
                live++;
            }
        }
        if (live == 0) {
            if (hasDefault) {
                return DEFAULT;
            }
            blockForever();
        }
        int first = pollOne(cases, chans, pollOrder, live);
        if (first != NOT_READY) {
            return first;
        }

        int[] lockOrder = new int[live];
        for (int k = 0; k < live; k++) { // insertion sort by channel id: selects are small
            int i = pollOrder[k];
            long id = chans[i].id;
            int m = k;
            while (m > 0 && chans[lockOrder[m - 1]].id > id) {
                lockOrder[m] = lockOrder[m - 1];
                m--;
            }
            lockOrder[m] = i;
        }

        lockAll(chans, lockOrder, live);

        // Pass 1: poll in random order.
        for (int k = 0; k < live; k++) {
            int i = pollOrder[k];
            ChanEngine c = chans[i];
            int outcome = tryCase(cases, i, c);
            if (outcome != NOT_READY) {
                releaseAll(chans, lockOrder, live);
                if (outcome == SEND_ON_CLOSED) {
                    throw c.sendOnClosed(); // after unlocking: it throws an Error cause itself
                }
                return i;
            }
        }
        if (hasDefault) {
            releaseAll(chans, lockOrder, live);
            return DEFAULT;
        }

        // Pass 2: enqueue on every channel, then park.
        Waiter self = new Waiter();
        Node[] nodes = new Node[n];
        for (int k = 0; k < live; k++) {
            int i = lockOrder[k];
            ChanEngine c = chans[i];
            boolean send = cases.isSend(i);
            Node node = new SelectNode(self, i, c, send, send ? cases.value(i) : null);
            nodes[i] = node;
            c.enqueue(node);
            if (!send && c.isFed()) {
                c.feedStaged(); // after enqueue published receiversWait: an element staged meanwhile comes to us
            }
        }
        releaseAll(chans, lockOrder, live);
        int won = self.await(false, 0L, BLOCKED_IN_SELECT);

        // Pass 3: dequeue the losers.
        for (int k = 0; k < live; k++) {
            int i = lockOrder[k];
            if (i != won) {
                ChanEngine c = chans[i];
                c.lock();
                c.unlink(nodes[i]);
                c.unlock();
            }
        }
        if (won == Waiter.INTERRUPTED) {
            throw new InterruptedException();
        }
        if (won < 0) {
            throw new IllegalStateException("unexpected state: select woke with " + won);
        }
        Node winner = nodes[won];
        if (winner.send) {
            if (Failure.isClosure(winner.item)) {
                throw Failure.exception(winner.item, "send on closed channel");
            }
        } else {
            cases.received = winner.item;
        }
        return won;
    }

    /** What {@link #tryCase} found: the case completed, cannot proceed now, or is a send on a closed channel. */
    private static final int COMPLETED = 0, NOT_READY = -2, SEND_ON_CLOSED = -3;

    /**
     * Tries case {@code i} on its channel {@code c}, whose lock the caller holds: completes it if it can proceed
     * now (for a receive, {@link SelectCases#received} is set) and says what happened. A send on a closed channel is
     * chosen but not thrown here: the caller throws {@link ChanEngine#sendOnClosed()} once it has unlocked.
     */
    private static int tryCase(SelectCases cases, int i, ChanEngine c) {
        if (cases.isSend(i)) {
            if (c.isClosedLocked()) {
                return SEND_ON_CLOSED;
            }
            return c.sendNow(cases.value(i)) ? COMPLETED : NOT_READY;
        }
        Object e = c.receiveNow();
        if (e == Signal.NONE) {
            return NOT_READY;
        }
        cases.received = e;
        return COMPLETED;
    }

    /**
     * Pass 0: visits the live cases in poll order and completes the first one that can proceed, locking only its own
     * channel; returns its index, or {@link #NOT_READY}. Channels whose {@link ChanEngine#mayBeReady} hint says they are
     * not ready are not locked at all, so a select that is going to block pays a few plain reads for this pass.
     *
     * <p>This is why it exists: when a case is ready, as it mostly is in a busy program, the select locks one channel
     * instead of all of them. Every channel of a select is shared with the goroutines on its other end, often on
     * another core, so each lock the select takes costs a cache line crossing between cores. A case completed here
     * was ready when it was visited, and the visit order is a uniform permutation, so a case that stays ready
     * is chosen as often as any other; unlike the locked pass it is not one snapshot of all the channels, which a
     * program cannot tell apart from a select that ran a moment later. (jox and kotlinx.coroutines' select also try
     * their clauses one at a time.)
     */
    private static int pollOne(SelectCases cases, ChanEngine[] chans, int[] pollOrder, int live) {
        for (int k = 0; k < live; k++) {
            int i = pollOrder[k];
            ChanEngine c = chans[i];
            if (!c.mayBeReady(cases.isSend(i))) {
                continue;
            }
            if (cases.isSend(i) && c.slotServes() && c.sendToSlot(cases.value(i))) {
                return i; // a receiver waiting in the slot, claimed without the lock, as send0 does
            }
            c.lock();
            int outcome = tryCase(cases, i, c);
            c.unlockAndRelease(); // also when not ready: a feed's receiveNow may have served waiting receivers
            if (outcome == SEND_ON_CLOSED) {
                throw c.sendOnClosed(); // after unlocking: it throws an Error cause itself
            }
            if (outcome == COMPLETED) {
                return i;
            }
        }
        return NOT_READY;
    }

    /** A select with no live case and no default: Go blocks forever; we block until interrupted. */
    private static void blockForever() throws InterruptedException {
        Waiter nobody = new Waiter(); // never claimed
        int s = nobody.await(false, 0L, BLOCKED_IN_EMPTY_SELECT);
        if (s == Waiter.INTERRUPTED) {
            throw new InterruptedException();
        }
        throw new IllegalStateException("unexpected state: empty select woke with " + s);
    }

    /** Locks every channel in id order; only the first acquisition may yield (see {@link ChanEngine#lockNested()}). */
    private static void lockAll(ChanEngine[] chans, int[] lockOrder, int live) {
        ChanEngine prev = null;
        for (int k = 0; k < live; k++) {
            ChanEngine c = chans[lockOrder[k]];
            if (c != prev) { // a channel in several cases is locked once
                if (prev == null) {
                    c.lock();
                } else {
                    c.lockNested();
                }
                prev = c;
            }
        }
    }

    /**
     * Unlocks every channel, then wakes the owners of the nodes the select's steps claimed on them, and the waiter of
     * a channel's slot if a step claimed it parked, and tells feeds of the elements taken from them (see
     * {@link ChanEngine#release}, {@link ChanEngine#takeSlotWake} and {@link ChanEngine#reportTaken}): with no lock held.
     */
    private static void releaseAll(ChanEngine[] chans, int[] lockOrder, int live) {
        Node claimed = null;
        Thread slotWaiter = null; // a select completes one case, so it claims at most one slot
        ChanEngine prev = null;
        for (int k = 0; k < live; k++) {
            ChanEngine c = chans[lockOrder[k]];
            if (c != prev) { // a channel in several cases is unlocked once
                claimed = WaitQueue.concat(c.takeClaimed(), claimed);
                Thread t = c.takeSlotWake();
                if (t != null) {
                    slotWaiter = t;
                }
                c.unlock();
                prev = c;
            }
        }
        if (slotWaiter != null) {
            LockSupport.unpark(slotWaiter);
        }
        WaitQueue.release(claimed);
        for (int k = 0; k < live; k++) {
            chans[lockOrder[k]].reportTaken();
        }
    }
}
