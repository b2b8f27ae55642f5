package io.chanflow;

/**
 * One pending operation in one channel's wait queue (Go's {@code sudog}).
 *
 * <p>A plain blocking send or receive is a node that is its own {@link Waiter}; a select will create one node
 * per case, all sharing the select's waiter as {@link #owner}. All fields but the final ones are guarded by the
 * lock of {@link #chan}: only a thread holding that lock links, unlinks, or writes {@link #item}.
 */
final class Node extends Waiter {
    /** The waiter whose claim decides this node: {@code this} for a single operation. */
    final Waiter owner;
    /** The case index reported to {@link #owner} when this node is claimed. */
    final int index;
    /** The channel whose queue this node sits in. */
    final Chan<?> chan;
    /** {@code true} in the channel's send queue, {@code false} in its receive queue. */
    final boolean send;

    /**
     * For a send node: the element to send, replaced by {@link Signal#CLOSED} if a close claims the node.
     * For a receive node: {@code null} until a claimer stores the element or {@link Signal#CLOSED}.
     * Written only under the channel lock and before the claim CAS that publishes it.
     */
    Object item;

    /** Queue links; {@code linked} is true exactly while the node is in {@link #chan}'s queue. */
    Node prev, next;
    boolean linked;

    /** A node for a single blocking operation. */
    Node(Chan<?> chan, boolean send, Object item) {
        this.owner = this;
        this.index = 0;
        this.chan = chan;
        this.send = send;
        this.item = item;
    }

    /** A node for case {@code index} of a select waiting as {@code owner}. */
    Node(Waiter owner, int index, Chan<?> chan, boolean send, Object item) {
        this.owner = owner;
        this.index = index;
        this.chan = chan;
        this.send = send;
        this.item = item;
    }

    /**
     * Claims this node's owner for this node's case: {@link Waiter#LOST}, {@link Waiter#CLAIMED} or
     * {@link Waiter#CLAIMED_PARKED} (see {@link Waiter#tryClaim}). Caller holds {@code chan}'s lock.
     */
    int claim() {
        return owner.tryClaim(index);
    }

    @Override
    public String toString() {
        return (send ? "chan send" : "chan receive") + " on " + chan;
    }
}
