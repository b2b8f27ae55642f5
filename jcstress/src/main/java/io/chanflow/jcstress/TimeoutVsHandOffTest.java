package io.chanflow.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.chanflow.Channel;
import io.chanflow.Received;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZZ_Result;

/**
 * Claim: a timeout racing a hand-off never makes a transfer one-sided. A timed send reports success if and only if
 * the timed receive got its element; a timed-out operation delivered and took nothing, and left nothing behind.
 *
 * <p>This pins the claim CAS on the timeout path: whichever side parks first tries to give up at its deadline
 * (WAITING to TIMED_OUT) while the other side tries to claim it (WAITING to claimed); exactly one CAS may succeed.
 *
 * <p>Actor 1 sends with a timeout of {@link #WAIT}, actor 2 receives with the same timeout, on an unbuffered
 * channel. The timeout is short enough that the two miss each other in a good share of iterations (about a third in
 * a quick run on two cores) and meet in the rest, so deadlines keep expiring just as the counterpart arrives. Afterwards the arbiter
 * checks that the channel is quiet: no waiter left in either queue that a later operation could complete.
 *
 * <p>Result: {@code r1} the send reported success; {@code r2} the receive got the element; {@code r3} the arbiter
 * found the channel quiet.
 */
@JCStressTest
@Outcome(id = "true, true, true", expect = ACCEPTABLE, desc = "they met: the element was handed off")
@Outcome(id = "false, false, true", expect = ACCEPTABLE, desc = "they missed each other: both timed out")
@Outcome(id = "true, false, .*", expect = FORBIDDEN, desc = "the send reported success but the receive timed out:"
        + " element lost")
@Outcome(id = "false, true, .*", expect = FORBIDDEN, desc = "the send timed out but its element was received")
@Outcome(expect = FORBIDDEN, desc = "a timed-out waiter was left behind in the channel")
@State
public class TimeoutVsHandOffTest {
    /** A few microseconds: long enough to meet sometimes, short enough to time out often. */
    private static final Duration WAIT = Duration.ofNanos(10_000);
    private static final Object ELEMENT = new Object();
    private static final Object PROBE = new Object();

    private final Channel<Object> ch = Channel.make();

    @Actor
    public void sender(ZZZ_Result r) {
        try {
            r.r1 = ch.send(ELEMENT, WAIT);
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
    }

    @Actor
    public void receiver(ZZZ_Result r) {
        Received<Object> got;
        try {
            got = ch.receive(WAIT);
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
        r.r2 = got.ok() && got.value() == ELEMENT;
    }

    @Arbiter
    public void arbiter(ZZZ_Result r) {
        r.r3 = !ch.trySend(PROBE) && ch.tryReceive().wouldBlock();
    }
}
