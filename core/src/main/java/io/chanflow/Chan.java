package io.chanflow;

import io.chanflow.internal.ChanEngine;
import io.chanflow.internal.ChanIterator;
import io.chanflow.internal.FedChannels;
import io.chanflow.internal.Failure;
import io.chanflow.internal.FeedRing;
import io.chanflow.internal.Signal;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The channel users hold: Go's {@code hchan}, seen as a {@link Channel}. It maps the API onto the engine
 * ({@link ChanEngine}, where the algorithms and their invariants are described) and adds no state: every send form
 * goes through {@code send0}, every receive form through {@code receive0}, every close through {@code close0}.
 *
 * @param <E> the element type
 */
final class Chan<E> extends ChanEngine implements Channel<E> {
    static {
        FedChannels.register(Chan::new); // a feed's channel is a Chan too: see FedChannels
    }

    Chan(int capacity) {
        super(capacity, null);
    }

    private Chan(int bufferSize, FeedRing ring) {
        super(bufferSize, ring);
    }

    // ---------------------------------------------------------------- SendChannel

    @Override
    public void send(E e) throws InterruptedException {
        send0(e, FOREVER);
    }

    @Override
    public boolean trySend(E e) {
        try {
            return send0(e, 0L);
        } catch (InterruptedException impossible) {
            throw new IllegalStateException("unexpected state: non-blocking send interrupted", impossible);
        }
    }

    @Override
    public boolean send(E e, Duration timeout) throws InterruptedException {
        return send0(e, nanos(timeout));
    }

    @Override
    public void close() {
        if (!close0(Signal.CLOSED)) {
            throw new IllegalStateException("close of closed channel");
        }
    }

    @Override
    public void close(Throwable cause) {
        Objects.requireNonNull(cause, "close with a null cause: use close()");
        if (!close0(new Failure(cause))) {
            throw new IllegalStateException("close of closed channel");
        }
    }

    // ---------------------------------------------------------------- ReceiveChannel

    @Override
    @SuppressWarnings("unchecked")
    public E receive() throws InterruptedException {
        Object r = receive0(FOREVER);
        if (Failure.isClosure(r)) {
            throw Failure.exception(r, "receive from closed channel");
        }
        return (E) r;
    }

    @Override
    public Received<E> receiveOrClosed() throws InterruptedException {
        return Received.of(receive0(FOREVER));
    }

    @Override
    public Received<E> tryReceive() {
        try {
            return Received.of(receive0(0L));
        } catch (InterruptedException impossible) {
            throw new IllegalStateException("unexpected state: non-blocking receive interrupted", impossible);
        }
    }

    @Override
    public Received<E> receive(Duration timeout) throws InterruptedException {
        return Received.of(receive0(nanos(timeout)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public int drainTo(Collection<? super E> into, int max) {
        return drain((Collection<Object>) into, max);
    }

    @Override
    public ChannelIterator<E> iterator() {
        return new ChanIterator<>(this::receiveForIteration, iteratorClosedHook());
    }

    @Override
    public Stream<E> stream() {
        return ChanIterator.stream(iterator());
    }
}
