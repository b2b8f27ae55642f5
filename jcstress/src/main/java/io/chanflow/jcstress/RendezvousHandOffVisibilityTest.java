package io.chanflow.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.chanflow.Channel;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Claim: on an unbuffered channel the hand-off orders both ways. The send happens-before the receive that takes the
 * element completes, and the receive happens-before the send completes (the capacity-0 case of "the k-th receive
 * happens-before the (k+C)-th send completes", as in Go).
 *
 * <p>Actor 1 writes a plain field of a new {@link Payload} and blocks in {@code send}; actor 2 writes a plain field
 * of the shared state and blocks in {@code receive}. Each waits for the other, so both always complete. Whichever
 * arrives first parks; the other claims its waiter under the channel lock, so the race decides which side's writes
 * travel through the lock and which through the claim CAS and the parked side's volatile read of its state.
 *
 * <p>Result: {@code r1} is the payload field as the receiver read it, {@code r2} the receiver's field as the sender
 * read it after its send returned.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both sides see the other's writes")
@Outcome(id = "0, 1", expect = FORBIDDEN, desc = "the receiver got the payload but not the sender's write to it")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "the send returned before the receive's prior write was visible")
@Outcome(expect = FORBIDDEN, desc = "neither ordering held")
@State
public class RendezvousHandOffVisibilityTest {
    private final Channel<Payload> ch = Channel.make();
    private int writtenBeforeReceive; // plain; written by the receiver before it receives

    @Actor
    public void sender(II_Result r) {
        Payload p = new Payload();
        p.x = 1;
        try {
            ch.send(p);
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
        r.r2 = writtenBeforeReceive;
    }

    @Actor
    public void receiver(II_Result r) {
        writtenBeforeReceive = 1;
        Payload p;
        try {
            p = ch.receive();
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
        r.r1 = p.x;
    }
}
