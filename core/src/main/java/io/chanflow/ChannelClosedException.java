package io.chanflow;

/**
 * Thrown by an operation that the closure of its channel makes impossible: a send on a closed channel (where Go
 * panics with {@code "send on closed channel"}), or the throwing {@link ReceiveChannel#receive()} on a channel
 * that is closed and drained (where Go's {@code v := <-ch} would yield the zero value).
 *
 * <p>It is unchecked, as Go's panic is: a correct program knows who closes a channel and when.
 */
public class ChannelClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ChannelClosedException(String message) {
        super(message);
    }
}
