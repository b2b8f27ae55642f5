package io.chanflow.internal;

/**
 * What a goroutine parked in a channel operation shows a dump ({@code Goroutines}): a {@link Node}, or a
 * {@link Slot.SlotWait} for a wait in a channel's slot or deposit, which has no node.
 */
public interface ChannelWait {
    /** {@code true} for a send, {@code false} for a receive. */
    boolean isSend();

    /** The channel waited on. */
    Object channel();

    /** What a dump shows for it: Go's {@code chan send} / {@code chan receive}, and the channel. */
    static String describe(ChannelWait w) {
        return (w.isSend() ? "chan send on " : "chan receive on ") + w.channel();
    }
}
