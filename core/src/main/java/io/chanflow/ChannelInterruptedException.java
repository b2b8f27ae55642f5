package io.chanflow;

/**
 * Thrown by the blocking calls that cannot declare {@link InterruptedException} — {@link java.util.Iterator#hasNext()}
 * and {@link java.util.Iterator#next()} of a channel's iterator, and the terminal operations of its
 * {@link java.util.stream.Stream} — when the thread is interrupted while waiting.
 *
 * <p>The thread's interrupt flag is set again before this is thrown, so code further up still sees the interrupt.
 * No element is lost: an interrupted wait received nothing.
 */
public class ChannelInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChannelInterruptedException(InterruptedException cause) {
        super("interrupted while waiting on a channel", cause);
    }
}
