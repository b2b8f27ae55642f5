package io.chanflow.bench;

import java.util.concurrent.SynchronousQueue;

/** The JDK's rendezvous: {@code put} and {@code take} on a non-fair {@link SynchronousQueue}. */
record SynchronousQueueConduit(SynchronousQueue<Object> queue) implements Conduit {

    static SynchronousQueueConduit of(int capacity) {
        if (capacity != 0) {
            throw new IllegalArgumentException("sq has no buffer: capacity must be 0, not " + capacity);
        }
        return new SynchronousQueueConduit(new SynchronousQueue<>());
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
