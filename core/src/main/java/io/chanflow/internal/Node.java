package io.chanflow.internal;

/**
 * One pending operation in one channel's wait queue (Go's {@code sudog}).
 *
 * <p>A plain blocking send or receive is a node that is its own {@link Waiter}, deciding case 0; a select creates a
 * {@link SelectNode} per case, all sharing the select's waiter. The single-operation node carries no owner or case
 * index: almost every goroutine blocked in a plain send or receive holds one (the first waiter of an unbuffered
 * channel waits in the channel's slot instead, see {@link Slot}), and those two fields would be 8 of its 48 bytes
 * (it is 40). All fields but the final ones are guarded by the lock of {@link #chan}: only a thread holding that
 * lock links, unlinks, or writes {@link #item}.
 */
class Node extends Waiter implements ChannelWait {
    /** The channel whose queue this node sits in. */
    final ChanEngine chan;
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
    Node(ChanEngine chan, boolean send, Object item) {
        this.chan = chan;
        this.send = send;
        this.item = item;
    }

    /** The waiter whose claim decides this node: the node itself for a single operation. */
    Waiter owner() {
        return this;
    }

    /**
     * Claims this node's owner for this node's case: {@link Waiter#LOST}, {@link Waiter#CLAIMED} or
     * {@link Waiter#CLAIMED_PARKED} (see {@link Waiter#tryClaim}). Caller holds {@code chan}'s lock.
     */
    int claim() {
        return tryClaim(0);
    }

    @Override
    public boolean isSend() {
        return send;
    }

    @Override
    public Object channel() {
        return chan;
    }

    @Override
    public String toString() {
        return ChannelWait.describe(this);
    }
}

/**
 * The node of one case of a select: owned by the select's {@link Waiter}, which a claim through any of the select's
 * nodes decides, and reporting its case index to it. Its own waiter fields are unused.
 */
final class SelectNode extends Node {
    /** The select's waiter. */
    private final Waiter owner;
    /** The case index reported to {@link #owner} when this node is claimed. */
    private final int index;

    SelectNode(Waiter owner, int index, ChanEngine chan, boolean send, Object item) {
        super(chan, send, item);
        this.owner = owner;
        this.index = index;
    }

    @Override
    Waiter owner() {
        return owner;
    }

    @Override
    int claim() {
        return owner.tryClaim(index);
    }
}
