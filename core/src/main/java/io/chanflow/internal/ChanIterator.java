package io.chanflow.internal;

import io.chanflow.ChannelIterator;
import io.chanflow.ChannelInterruptedException;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The {@link ChannelIterator} over any source of "element or {@link Signal#CLOSED}". */
public final class ChanIterator<E> implements ChannelIterator<E> {

    /** A blocking receive that returns the element or {@link Signal#CLOSED}. */
    @FunctionalInterface
    public interface Source {
        Object receive() throws InterruptedException;
    }

    private final Source source;
    private final Runnable onEarlyClose; // may be null
    private Object next; // a received element not yet returned by next()
    private boolean done;

    /** {@code onEarlyClose} runs when the iterator is closed before the channel was drained. */
    public ChanIterator(Source source, Runnable onEarlyClose) {
        this.source = source;
        this.onEarlyClose = onEarlyClose;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        Object r;
        try {
            r = source.receive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelInterruptedException(e);
        }
        if (Failure.isClosure(r)) {
            done = true;
            if (r instanceof Failure) {
                throw Failure.exception(r, "receive from closed channel");
            }
            return false;
        }
        next = r;
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E next() {
        if (!hasNext()) {
            throw new NoSuchElementException("channel closed");
        }
        E e = (E) next;
        next = null;
        return e;
    }

    @Override
    public void close() {
        boolean early = !done;
        done = true;
        next = null;
        if (early && onEarlyClose != null) {
            onEarlyClose.run();
        }
    }

    public static <E> Stream<E> stream(ChannelIterator<E> it) {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(it::close);
    }
}
