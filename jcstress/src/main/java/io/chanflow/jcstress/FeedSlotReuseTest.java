package io.chanflow.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.chanflow.feed.ChannelFeed;
import io.chanflow.ReceiveChannel;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Claim: a receiver that takes a staged element straight from a {@link ChannelFeed}'s ring (without moving it into
 * the buffer) frees the slot before the feed may reuse it, and sees the contents of each element it takes. The ring
 * of a feed of capacity 1 has one slot: the feed's second offer is accepted only once it has read, through the
 * channel's count of departures (release/acquire), that the first element left, and it then writes the same slot.
 * If the slot's clearing could be ordered after that count, the receiver would wipe the second element, and its
 * second receive would never return (jcstress reports that as a time-out); if the contents were not published with
 * the element, it would read 0.
 *
 * <p>Actor 1 offers two payloads, retrying the second until there is room; actor 2 receives twice.
 *
 * <p>Result: {@code r1}, {@code r2} the payload fields of the two elements, as the receiver read them.
 */
@JCStressTest
@Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "both received, in order, with their contents")
@Outcome(expect = FORBIDDEN, desc = "lost, reordered, or seen without its contents")
@State
public class FeedSlotReuseTest {
    private final ChannelFeed<Payload> feed = new ChannelFeed<>(1, n -> { });
    private final ReceiveChannel<Payload> ch = feed.channel();

    @Actor
    public void feeder() {
        Payload first = new Payload();
        first.x = 1;
        if (!feed.offer(first)) {
            throw new IllegalStateException("unexpected state: an offer into an empty feed of capacity 1 was refused");
        }
        Payload second = new Payload();
        second.x = 2;
        while (!feed.offer(second)) { // refused until the first left: the demand rule, kept by retrying
            Thread.onSpinWait();
        }
    }

    @Actor
    public void receiver(II_Result r) {
        try {
            r.r1 = ch.receive().x;
            r.r2 = ch.receive().x;
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
    }
}
