package io.chanflow;

/**
 * A Go channel: a typed conduit between goroutines, with both its sending and its receiving side.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.make();          // ch := make(chan string)
 * Go.go(() -> ch.send("ping"));                // go func() { ch <- "ping" }()
 * String msg = ch.receive();                    // msg := <-ch
 *
 * Channel<Integer> jobs = Channel.make(100);    // jobs := make(chan int, 100)
 * }</pre>
 *
 * <p>An <em>unbuffered</em> channel ({@code make()}, capacity 0) is a rendezvous: each send waits for a receive
 * and the other way round. A <em>buffered</em> channel of capacity C lets up to C sent values wait for a receiver.
 * See {@link SendChannel} and {@link ReceiveChannel} for the contract of each operation: blocking, FIFO order,
 * closing, interruption and the happens-before rules, all as in Go.
 *
 * <p>Code that should only send, or only receive, takes a {@link SendChannel} or a {@link ReceiveChannel} (Go's
 * {@code chan<- E} and {@code <-chan E}); a {@code Channel} is both.
 *
 * <p>Channels never carry {@code null}. All methods are safe to call from any number of threads.
 *
 * <p>The interface is sealed: every {@code Channel} is one of Chanflow's ({@link #make}, {@link #nil}), because
 * {@link Select} and the bridges work on the engine behind it. Code that offers a channel-like type of its own
 * implements {@link SendChannel} or {@link ReceiveChannel}.
 *
 * @param <E> the element type
 */
public sealed interface Channel<E> extends SendChannel<E>, ReceiveChannel<E> permits Chan, NilChannel {

    /** An unbuffered channel: Go's {@code make(chan E)}. */
    static <E> Channel<E> make() {
        return new Chan<>(0);
    }

    /**
     * A channel with a buffer of {@code capacity} elements (0 means unbuffered): Go's {@code make(chan E, capacity)}.
     * The buffer is allocated up front, as in Go.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    static <E> Channel<E> make(int capacity) {
        return new Chan<>(capacity);
    }

    /**
     * The nil channel: Go's zero-valued {@code var ch chan E}. Send and receive block forever (until interrupted, or
     * until a timed form times out); {@code trySend} and {@code tryReceive} never succeed; a select treats its cases
     * as never ready; {@code len} and {@code cap} are 0; {@code close} throws {@code "close of nil channel"} (Go
     * panics). Useful to switch a select case off by replacing its channel.
     */
    static <E> Channel<E> nil() {
        return NilChannel.instance();
    }
}
