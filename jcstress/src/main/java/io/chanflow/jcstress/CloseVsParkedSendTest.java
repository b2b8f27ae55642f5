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
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Claim: a blocked send that a close wakes throws {@link ChannelClosedException} and delivers nothing; a blocked send
 * that returns normally delivered its element exactly once.
 *
 * <p>Actor 1 blocks in {@code send} on an unbuffered channel; actor 2 {@code tryReceive}s once and then closes, so
 * the send always ends. If the sender parked before the receive, the receive claims its waiter and takes the element,
 * and the send must return normally; otherwise the close either finds the sender parked and claims it with the
 * closure, or is already done when the sender arrives, and the send must throw. Afterwards the arbiter checks that the
 * channel is closed and empty.
 *
 * <p>Result: {@code r1} the send's outcome ({@code 1} returned, {@code -2} threw {@code ChannelClosedException});
 * {@code r2} what the receive got ({@code 1} the element, {@code -1} would block, {@code 2} closed, {@code 3}
 * another value); {@code r3} what the arbiter's receive got, in the same codes.
 */
@JCStressTest
@Outcome(id = "1, 1, 2", expect = ACCEPTABLE, desc = "the sender parked first; the receive took the element")
@Outcome(id = "-2, -1, 2", expect = ACCEPTABLE, desc = "the receive came first; the close woke or refused the sender")
@Outcome(id = "1, -1, .*", expect = FORBIDDEN, desc = "the send returned but nobody received the element")
@Outcome(id = "-2, 1, .*", expect = FORBIDDEN, desc = "the send threw but its element was received")
@Outcome(expect = FORBIDDEN, desc = "the element was left behind after the close, duplicated or invented")
@State
public class CloseVsParkedSendTest {
    private static final Object ELEMENT = new Object();

    private final Channel<Object> ch = Channel.make();

    @Actor
    public void sender(III_Result r) {
        try {
            ch.send(ELEMENT);
            r.r1 = 1;
        } catch (ChannelClosedException refused) {
            r.r1 = -2;
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
    }

    @Actor
    public void receiverThenCloser(III_Result r) {
        r.r2 = code(ch.tryReceive());
        ch.close();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = code(ch.tryReceive());
    }

    private static int code(Received<Object> got) {
        if (got.ok()) {
            return got.value() == ELEMENT ? 1 : 3;
        }
        return got.isClosed() ? 2 : -1;
    }
}
