package io.chanflow.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.chanflow.Channel;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Claim: a sender waiting with its element in an unbuffered channel's deposit is released by the receive that takes
 * the element, whether it is still spinning, announcing its park, or parked; and the receiver sees the fields the
 * sender wrote before sending.
 *
 * <p>The sender deposits without the lock (a CAS of the deposit word from free to its element), spins, then
 * announces its park (a volatile write of its thread) and re-reads the deposit before parking; the receiver takes
 * the element with a CAS and then reads the announced thread to unpark it. Exactly one of them must see the other,
 * or the sender sleeps forever (a timeout here). The receiver waits a random number of spin waits before it
 * receives, so that it arrives in each of the sender's phases. Afterwards the arbiter checks that the channel is
 * quiet: no deposit left behind, and deposits free again.
 *
 * <p>Result: {@code r1}, {@code r2} the payload's fields as received (the sender writes 1 and 2); {@code r3}
 * {@code 1} once the send returned; {@code r4} {@code 1} if the arbiter found the channel quiet.
 */
@JCStressTest
@Outcome(id = "1, 2, 1, 1", expect = ACCEPTABLE, desc = "taken with its fields; the sender released")
@Outcome(expect = FORBIDDEN, desc = "a field read without the sender's write, or an element left behind")
@State
public class DepositParkVsTakeTest {
    private static final Payload PROBE = new Payload();

    private final Channel<Payload> ch = Channel.make();

    @Actor
    public void sender(IIII_Result r) {
        Payload p = new Payload();
        p.x = 1;
        p.y = 2;
        try {
            ch.send(p);
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
        r.r3 = 1;
    }

    @Actor
    public void receiver(IIII_Result r) {
        for (int i = ThreadLocalRandom.current().nextInt(1 << 12); i > 0; i--) {
            Thread.onSpinWait();
        }
        try {
            Payload p = ch.receive();
            r.r1 = p.x;
            r.r2 = p.y;
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        r.r4 = !ch.trySend(PROBE) && ch.tryReceive().wouldBlock() ? 1 : 0;
    }
}
