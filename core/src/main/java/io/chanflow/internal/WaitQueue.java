package io.chanflow.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * A channel's two FIFO wait queues of {@link Node}s (Go's {@code recvq} and {@code sendq}), and the chain of nodes
 * claimed under the lock whose owners are unparked after it is released.
 *
 * <p>Invariants, all under the lock: {@code linked} is true exactly while a node is in a queue; a node whose owner
 * gave up or was claimed through another channel may stay queued until someone unlinks it, and is skipped, never
 * claimed; no thread is unparked while the lock is held (the chain {@code claimed} and {@code slotWake} carry
 * them to {@link #unlockAndRelease}), except the rare second deposit a drain takes in one critical section
 * ({@link Deposit#depTake}).
 */
abstract class WaitQueue extends Deposit {
    WaitQueue(int bufferSize, FeedRing ring) {
        super(bufferSize, ring);
    }

    /** Adds the node of a blocking operation (or of a select case) to its wait queue. */
    void enqueue(Node n) {
        linkNode(n);
        if (buf != null) {
            return;
        }
        // Stop lock-free deposits while someone waits (see Deposit).
        if (n.send || !n.owner().undecided()) {
            depBlock(true); // a deposit stays: it is older than this sender; a dead select node takes nothing
            return;
        }
        Object e = depBlock(false);
        if (e != null) {
            // Deposited without the lock since this receiver looked. It is the only live receiver (no deposit is made
            // while one waits), and nobody else can decide its waiter while the lock is held: the element is its.
            pollReceiver(e);
        }
    }

    void linkNode(Node n) {
        n.linked = true;
        if (n.send) {
            if (sendTail == null) {
                sendHead = n;
            } else {
                sendTail.next = n;
                n.prev = sendTail;
            }
            sendTail = n;
        } else {
            if (recvTail == null) {
                recvHead = n;
            } else {
                recvTail.next = n;
                n.prev = recvTail;
            }
            recvTail = n;
            if (ring != null && !ring.receiversWait) {
                ring.receiversWait = true; // then the caller re-reads the next slot (feedStaged): Dekker with stage()
            }
        }
    }

    /** After the receive queue may have emptied: keeps {@link FeedRing#receiversWait} equal to {@code recvHead != null}. */
    void receiversMayHaveLeft() {
        if (ring != null && recvHead == null && ring.receiversWait) {
            ring.receiversWait = false;
        }
    }

    /**
     * For a close: unlinks every node of the queue that starts at {@code head} and claims it with {@code how}, the
     * closure; pushes those claimed while parked onto {@code wake}, the chain to unpark after unlocking, and returns
     * it. The caller then empties the queue's head and tail.
     */
    static Node claimAll(Node head, Object how, Node wake) {
        for (Node n = head; n != null; ) {
            Node x = n.next;
            n.linked = false;
            n.prev = n.next = null;
            n.item = how;
            if (n.claim() == Waiter.CLAIMED_PARKED) {
                n.next = wake;
                wake = n;
            }
            n = x;
        }
        return wake;
    }

    /** Removes {@code n} from its queue if it is still there. */
    void unlink(Node n) {
        if (!n.linked) {
            return;
        }
        n.linked = false;
        Node p = n.prev, x = n.next;
        if (p == null) {
            if (n.send) {
                sendHead = x;
            } else {
                recvHead = x;
            }
        } else {
            p.next = x;
        }
        if (x == null) {
            if (n.send) {
                sendTail = p;
            } else {
                recvTail = p;
            }
        } else {
            x.prev = p;
        }
        n.prev = n.next = null;
        if (!n.send) {
            receiversMayHaveLeft();
        }
    }

    /**
     * Dequeues and claims the first waiting sender, dropping nodes whose owner already gave up or was claimed
     * through another channel. Returns {@code null} if none.
     *
     * <p>A select never pairs with itself (Go's select3): it polls while holding the locks of all its channels and
     * before enqueueing any node, so its own nodes are never in a queue while it polls.
     */
    Node pollSender() {
        for (Node n = sendHead; n != null; n = sendHead) {
            unlink(n);
            int c = n.claim();
            if (c != Waiter.LOST) {
                if (c == Waiter.CLAIMED_PARKED) {
                    pushClaimed(n);
                }
                return n;
            }
        }
        return null;
    }

    /** Dequeues the first waiting receiver and claims it with {@code e} as its item. Returns {@code null} if none. */
    Node pollReceiver(Object e) {
        for (Node n = recvHead; n != null; n = recvHead) {
            unlink(n);
            n.item = e; // before the claim CAS, which publishes it
            int c = n.claim();
            if (c != Waiter.LOST) {
                if (c == Waiter.CLAIMED_PARKED) {
                    pushClaimed(n);
                }
                return n;
            }
            n.item = null; // dead node: do not retain the element
        }
        return null;
    }

    /**
     * Adds a node just claimed from {@link Waiter#PARKED} to {@link #claimed}, to be unparked after unlocking. A node
     * claimed while its owner spins is not added: the owner sees the claim by itself, and nothing is written to the
     * node after the claim CAS (the owner is reading the node's line; a store would take the line back from its
     * core). The node is unlinked, so its {@code next} is already {@code null}: the first node of a chain is not
     * written to either, and neither {@link #concat} nor {@link #release} writes a link that is already
     * {@code null}. Only the second and later nodes of a chain (a close, a feed handing out a batch) are linked.
     */
    void pushClaimed(Node n) {
        Node c = claimed;
        if (c != null) {
            n.next = c;
        }
        claimed = n;
    }

    /** The chain of claimed nodes, for {@link #release} after unlocking; clears it. Caller holds the lock. */
    Node takeClaimed() {
        Node n = claimed;
        claimed = null;
        return n;
    }

    /** Appends {@code rest} to the chain {@code chain}; either may be {@code null}. */
    static Node concat(Node chain, Node rest) {
        if (chain == null) {
            return rest;
        }
        if (rest == null) {
            return chain; // no store to a claimed node: see pushClaimed
        }
        Node last = chain;
        while (last.next != null) {
            last = last.next;
        }
        last.next = rest;
        return chain;
    }

    /** Unparks the owner of every node of a chain from {@link #takeClaimed()}, with no lock held. */
    static void release(Node chain) {
        while (chain != null) {
            Node x = chain.next;
            if (x != null) {
                chain.next = null; // only a link that is set: see pushClaimed
            }
            LockSupport.unpark(chain.owner().thread);
            chain = x;
        }
    }

    /** Releases the lock, then wakes the owners of the nodes claimed under it and reports what left a feed. */
    void unlockAndRelease() {
        Node w = takeClaimed();
        Thread t = takeSlotWake();
        unlock();
        if (t != null) {
            LockSupport.unpark(t);
        }
        release(w);
        reportTaken();
    }

    /**
     * For a feed's channel, tells its listener of the full batches of elements taken and not yet told. Called with no
     * lock held by every thread that took elements from the buffer (receiving them, or handing them to waiting
     * receivers), after it unlocked: the one that completed a batch finds it due, unless another thread told it first.
     */
    void reportTaken() {
        if (ring != null && ring.reportDue != 0) {
            int n = ring.takeReport();
            if (n != 0) {
                ring.taken.accept(n);
            }
        }
    }
}
