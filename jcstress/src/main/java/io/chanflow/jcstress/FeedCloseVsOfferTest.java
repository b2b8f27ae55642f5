package io.chanflow.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.chanflow.feed.ChannelFeed;
import io.chanflow.Received;
import io.chanflow.ReceiveChannel;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Claim: an element a {@link ChannelFeed} stages while its channel is being closed is either delivered before the
 * closure or dropped, never received after a receive reported the closure. (The feed stages without the channel's
 * lock; the close moves what was staged before it, and what is staged after it is dropped.)
 *
 * <p>Actor 1 offers an element into an empty feed of capacity 1; actor 2 closes the feed. The arbiter then receives
 * twice with {@code tryReceive}.
 *
 * <p>Result: what each receive got: {@code 1} the element, {@code 2} the closure, {@code -1} nothing (open).
 */
@JCStressTest
@Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "offered before the close: delivered, then the closure")
@Outcome(id = "2, 2", expect = ACCEPTABLE, desc = "offered after the close: dropped")
@Outcome(id = "2, 1", expect = FORBIDDEN, desc = "the element was received after the closure was reported")
@Outcome(expect = FORBIDDEN, desc = "an open channel, a lost close, or a duplicate")
@State
public class FeedCloseVsOfferTest {
    private static final Object ELEMENT = new Object();

    private final ChannelFeed<Object> feed = new ChannelFeed<>(1, n -> { });
    private final ReceiveChannel<Object> ch = feed.channel();

    @Actor
    public void feeder() {
        if (!feed.offer(ELEMENT)) {
            throw new IllegalStateException("unexpected state: an offer into an empty feed of capacity 1 was refused");
        }
    }

    @Actor
    public void closer() {
        feed.close();
    }

    @Arbiter
    public void drain(II_Result r) {
        r.r1 = code(ch.tryReceive());
        r.r2 = code(ch.tryReceive());
    }

    private static int code(Received<Object> got) {
        if (got.ok()) {
            return got.value() == ELEMENT ? 1 : 3;
        }
        return got.isClosed() ? 2 : -1;
    }
}
