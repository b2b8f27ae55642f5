package io.chanflow.bench;

import com.softwaremill.jox.Channel;

/** jox: {@code send} and {@code receive} on a rendezvous channel (capacity 0) or a buffered one. */
record JoxConduit(Channel<Object> channel) implements Conduit {

    static JoxConduit of(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("jox: negative capacity " + capacity);
        }
        return new JoxConduit(capacity == 0 ? Channel.newRendezvousChannel() : Channel.newBufferedChannel(capacity));
    }

    @Override
    public void put(Object e) throws InterruptedException {
        channel.send(e);
    }

    @Override
    public Object take() throws InterruptedException {
        return channel.receive();
    }
}
