package io.chanflow.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.chanflow.feed.ChannelFeed;
import io.chanflow.ReceiveChannel;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Claim: a {@link ChannelFeed}'s offer, which stages the element without the channel's lock, never strands it
 * behind a receiver that enqueues at the same moment, and publishes the element's contents to that receiver. This
 * is the Dekker pair of the engine's FeedReceive overview: the feed writes the ring slot, then reads whether receivers
 * wait; a receiver publishes that it waits, then reads the slot. If both missed the other, the receive below would
 * never return and jcstress would report the test as timed out.
 *
 * <p>Actor 1 fills a new {@link Payload} and offers it; actor 2 receives (blocking) from the feed's channel, of
 * capacity 1. The arbiter reads how many times the feed's listener was told an element was taken.
 *
 * <p>Result: {@code r1} the payload field as the receiver read it; {@code r2} the number of {@code taken} calls.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "received, with its contents, and counted once")
@Outcome(id = "0, .*", expect = FORBIDDEN, desc = "received without the write made before the offer")
@Outcome(id = "1, [^1]", expect = FORBIDDEN, desc = "the element left the channel but was not counted exactly once")
@Outcome(expect = FORBIDDEN, desc = "anything else")
@State
public class FeedOfferVsWaitingReceiverTest {
    private final AtomicInteger taken = new AtomicInteger();
    private final ChannelFeed<Payload> feed = new ChannelFeed<>(1, taken::addAndGet);
    private final ReceiveChannel<Payload> ch = feed.channel();

    @Actor
    public void feeder() {
        Payload p = new Payload();
        p.x = 1;
        if (!feed.offer(p)) {
            throw new IllegalStateException("unexpected state: an offer into an empty feed of capacity 1 was refused");
        }
    }

    @Actor
    public void receiver(II_Result r) {
        try {
            r.r1 = ch.receive().x;
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
    }

    @Arbiter
    public void count(II_Result r) {
        r.r2 = taken.get();
    }
}
