package io.chanflow.bench;

import java.util.concurrent.LinkedTransferQueue;

/**
 * A rendezvous built from {@link LinkedTransferQueue}: {@code transfer} waits until a consumer has taken the
 * element, which is the unbuffered-channel contract.
 */
record TransferQueueConduit(LinkedTransferQueue<Object> queue) implements Conduit {

    static TransferQueueConduit of(int capacity) {
        if (capacity != 0) {
            throw new IllegalArgumentException("ltq is used as a rendezvous: capacity must be 0, not " + capacity);
        }
        return new TransferQueueConduit(new LinkedTransferQueue<>());
    }

    @Override
    public void put(Object e) throws InterruptedException {
        queue.transfer(e);
    }

    @Override
    public Object take() throws InterruptedException {
        return queue.take();
    }
}
