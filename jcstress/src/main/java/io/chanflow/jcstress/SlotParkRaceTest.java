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
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Claim: a hand-off to the receiver waiting in an unbuffered channel's slot is never lost, whenever it lands: while
 * the receiver spins, as it announces its park, or once it is parked. The element and the sender's prior writes
 * reach the receiver, and the channel is quiet afterwards (the slot freed, nobody left waiting).
 *
 * <p>The receiver, alone on the channel, waits in the slot: it spins a while, then moves the slot's state from
 * waiting to parked with a CAS and parks. The sender claims with a CAS from waiting (or parked) to busy, writes the
 * element and marks the slot done; if its CAS replaced the parked state, it must unpark the receiver. A wrong
 * protocol loses the wake-up exactly when the claim meets the move to parked, and the receiver then parks for ever:
 * jcstress reports the test as timed out. To land claims all around that moment, the sender first spins a random
 * number of times, from none to a few times the receiver's spin.
 *
 * <p>Result: {@code r1} the payload's field as the receiver read it; {@code r2} {@code 1} if the send returned;
 * {@code r3} {@code 1} if the arbiter found the channel quiet.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "handed off, written fields visible, slot freed")
@Outcome(id = "0, .*", expect = FORBIDDEN, desc = "the receiver got the payload but not the sender's write to it")
@Outcome(expect = FORBIDDEN, desc = "the hand-off went wrong, or something was left waiting in the channel")
@State
public class SlotParkRaceTest {
    private static final Payload PROBE = new Payload();

    private final Channel<Payload> ch = Channel.make();

    @Actor
    public void receiver(III_Result r) {
        try {
            r.r1 = ch.receive().x;
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
    }

    @Actor
    public void sender(III_Result r) {
        for (int i = ThreadLocalRandom.current().nextInt(1024); i > 0; i--) {
            Thread.onSpinWait();
        }
        Payload p = new Payload();
        p.x = 1;
        try {
            ch.send(p);
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
        r.r2 = 1;
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = !ch.trySend(PROBE) && ch.tryReceive().wouldBlock() ? 1 : 0;
    }
}
