package io.chanflow;

import io.chanflow.internal.ChanIterator;
import io.chanflow.internal.Nil;
import io.chanflow.internal.Signal;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/** Go's nil channel: every operation blocks forever; see {@link Channel#nil()}. Stateless singleton. */
final class NilChannel<E> implements Channel<E>, Nil {
    private static final NilChannel<?> INSTANCE = new NilChannel<>();

    @SuppressWarnings("unchecked")
    static <E> NilChannel<E> instance() {
        return (NilChannel<E>) INSTANCE;
    }

    private NilChannel() {
    }

    /** Blocks until interrupted (throws) or, if {@code nanos >= 0}, until that much time passed (returns). */
    private void block(long nanos) throws InterruptedException {
        if (nanos == 0L) {
            return; // a zero timeout never waits, like trySend/tryReceive
        }
        long deadline = System.nanoTime() + nanos;
        for (;;) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (nanos < 0L) {
                LockSupport.park(this);
            } else {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0L) {
                    return;
                }
                LockSupport.parkNanos(this, remaining);
            }
        }
    }

    private static long nanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        try {
            long n = timeout.toNanos();
            return n >= Long.MAX_VALUE / 2 ? -1L : Math.max(n, 0L);
        } catch (ArithmeticException tooLong) {
            return timeout.isNegative() ? 0L : -1L;
        }
    }

    @Override
    public void send(E e) throws InterruptedException {
        Objects.requireNonNull(e, "send of null element: channels do not carry null");
        block(-1L);
    }

    @Override
    public boolean trySend(E e) {
        Objects.requireNonNull(e, "send of null element: channels do not carry null");
        return false;
    }

    @Override
    public boolean send(E e, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(e, "send of null element: channels do not carry null");
        block(nanos(timeout));
        return false;
    }

    @Override
    public void close() {
        throw new IllegalStateException("close of nil channel");
    }

    @Override
    public void close(Throwable cause) {
        throw new IllegalStateException("close of nil channel");
    }

    @Override
    public E receive() throws InterruptedException {
        block(-1L);
        throw new IllegalStateException("unexpected state: nil channel receive returned");
    }

    @Override
    public Received<E> receiveOrClosed() throws InterruptedException {
        block(-1L);
        throw new IllegalStateException("unexpected state: nil channel receive returned");
    }

    @Override
    public Received<E> tryReceive() {
        return Received.of(Signal.NONE);
    }

    @Override
    public Received<E> receive(Duration timeout) throws InterruptedException {
        block(nanos(timeout));
        return Received.of(Signal.NONE);
    }

    @Override
    public int drainTo(Collection<? super E> into, int max) {
        Objects.requireNonNull(into, "into");
        return 0; // never ready
    }

    @Override
    public ChannelIterator<E> iterator() {
        return new ChanIterator<>(() -> {
            block(-1L);
            throw new IllegalStateException("unexpected state: nil channel receive returned");
        }, null);
    }

    @Override
    public Stream<E> stream() {
        return ChanIterator.stream(iterator());
    }

    @Override
    public int len() {
        return 0;
    }

    @Override
    public int cap() {
        return 0;
    }

    @Override
    public String toString() {
        return "chan(nil)";
    }
}
