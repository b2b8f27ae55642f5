package io.chanflow;

import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The {@link ChannelIterator} over any source of "element or {@link Signal#CLOSED}". */
final class ChanIterator<E> implements ChannelIterator<E> {

    /** A blocking receive that returns the element or {@link Signal#CLOSED}. */
    @FunctionalInterface
    interface Source {
        Object receive() throws InterruptedException;
    }

    private final Source source;
    private Object next; // a received element not yet returned by next()
    private boolean done;

    ChanIterator(Source source) {
        this.source = source;
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
        if (r == Signal.CLOSED) {
            done = true;
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
        done = true;
        next = null;
    }

    static <E> Stream<E> stream(ChannelIterator<E> it) {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(it::close);
    }
}
