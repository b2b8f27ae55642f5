package io.chanflow;

/**
 * Thrown by an operation that the closure of its channel makes impossible: a send on a closed channel (where Go
 * panics with {@code "send on closed channel"}), or the throwing {@link ReceiveChannel#receive()} on a channel
 * that is closed and drained (where Go's {@code v := <-ch} would yield the zero value).
 *
 * <p>It is unchecked, as Go's panic is: a correct program knows who closes a channel and when. A channel closed
 * with a cause ({@link SendChannel#close(Throwable)}) throws that cause instead when it is unchecked, and this
 * exception carrying it when it is checked.
 */
public class ChannelClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ChannelClosedException(String message) {
        super(message);
    }

    /** For a channel closed with a checked {@code cause} (see {@link SendChannel#close(Throwable)}). */
    public ChannelClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
