package io.chanflow.bench;

import io.chanflow.Channel;

/** Chanflow: {@code send} and {@code receive} on {@code Channel.make(capacity)}. */
record ChanflowConduit(Channel<Object> channel) implements Conduit {

    static ChanflowConduit of(int capacity) {
        return new ChanflowConduit(Channel.make(capacity));
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
