package io.chanflow.bench;

import java.util.concurrent.ArrayBlockingQueue;

/** The JDK's bounded buffer: {@code put} and {@code take} on a non-fair {@link ArrayBlockingQueue}. */
record ArrayQueueConduit(ArrayBlockingQueue<Object> queue) implements Conduit {

    static ArrayQueueConduit of(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("abq needs a buffer: capacity must be positive, not " + capacity);
        }
        return new ArrayQueueConduit(new ArrayBlockingQueue<>(capacity));
    }

    @Override
    public void put(Object e) throws InterruptedException {
        queue.put(e);
    }

    @Override
    public Object take() throws InterruptedException {
        return queue.take();
    }
}
