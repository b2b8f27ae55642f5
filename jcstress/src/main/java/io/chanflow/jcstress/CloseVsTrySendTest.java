package io.chanflow.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.chanflow.Channel;
import io.chanflow.ChannelClosedException;
import io.chanflow.Received;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Claim: a send racing a close either delivers its element and says so, or is refused with
 * {@link ChannelClosedException} and delivers nothing. The element is received if and only if the send reported
 * success: never lost after a successful send, never received after a refused one.
 *
 * <p>Actor 1 {@code trySend}s into an empty channel of capacity 1 (so, if the channel is open, the send cannot fail);
 * actor 2 closes. Afterwards the arbiter drains the channel with {@code tryReceive}.
 *
 * <p>Result: {@code r1} the send's report ({@code 1} sent, {@code 0} returned {@code false}, {@code -2} refused
 * with {@code ChannelClosedException}); {@code r2} what the drain got ({@code 1} the element, {@code 2} closed,
 * {@code -1} would block, {@code 3} another value).
 */
@JCStressTest
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "sent before the close; the element is still received")
@Outcome(id = "-2, 2", expect = ACCEPTABLE, desc = "closed first; the send is refused and nothing is received")
@Outcome(id = "1, 2", expect = FORBIDDEN, desc = "the send reported success but the close lost the element")
@Outcome(id = "-2, 1", expect = FORBIDDEN, desc = "the send was refused but its element was delivered")
@Outcome(id = "0, .*", expect = FORBIDDEN, desc = "trySend failed spuriously on an open channel with room")
@Outcome(expect = FORBIDDEN, desc = "the drain found an open channel or an invented value")
@State
public class CloseVsTrySendTest {
    private static final Object ELEMENT = new Object();

    private final Channel<Object> ch = Channel.make(1);

    @Actor
    public void sender(II_Result r) {
        try {
            r.r1 = ch.trySend(ELEMENT) ? 1 : 0;
        } catch (ChannelClosedException refused) {
            r.r1 = -2;
        }
    }

    @Actor
    public void closer() {
        ch.close();
    }

    @Arbiter
    public void drain(II_Result r) {
        Received<Object> got = ch.tryReceive();
        if (got.ok()) {
            r.r2 = got.value() == ELEMENT ? 1 : 3;
        } else {
            r.r2 = got.isClosed() ? 2 : -1;
        }
    }
}
