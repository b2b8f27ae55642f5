package io.chanflow.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.chanflow.Channel;
import io.chanflow.Select;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Claim: a blocking select takes the element of a sender that deposits it while the select polls and enqueues,
 * exactly once, with the sender's fields, and releases the sender.
 *
 * <p>A plain send on an unbuffered channel with no receiver waiting deposits its element without the lock. The
 * select's first pass reads the channels without locks, its locked pass polls under them, and its enqueue blocks
 * further deposits under them: the deposit can land before, between or after these. If it lands after the locked
 * pass, the select's own enqueue must find it and hand it to the select's node; if it lands after the enqueue, the
 * sender must find the select queued and hand the element to it. Channel {@code b} never gets an element.
 * Afterwards the arbiter checks that both channels are quiet: no element left behind, no select node left that a
 * later send could complete.
 *
 * <p>Result: {@code r1} the field received (the sender writes 1); {@code r2} the case the select completed
 * ({@code 1} a, {@code 2} b); {@code r3} {@code 1} once the send returned; {@code r4} {@code 1} if the arbiter
 * found both channels quiet.
 */
@JCStressTest
@Outcome(id = "1, 1, 1, 1", expect = ACCEPTABLE, desc = "the select took the element once; the sender released")
@Outcome(expect = FORBIDDEN, desc = "the element lost, duplicated or read without its field, or a waiter left behind")
@State
public class SelectVsDepositTest {
    private static final Payload PROBE = new Payload();

    private final Channel<Payload> a = Channel.make();
    private final Channel<Payload> b = Channel.make();

    @Actor
    public void sender(IIII_Result r) {
        Payload p = new Payload();
        p.x = 1;
        try {
            a.send(p);
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
        r.r3 = 1;
    }

    @Actor
    public void selector(IIII_Result r) {
        try {
            Select.select()
                    .receive(a, p -> {
                        r.r1 = p.x;
                        r.r2 = 1;
                    })
                    .receive(b, p -> {
                        r.r1 = p.x;
                        r.r2 = 2;
                    })
                    .run();
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        boolean quiet = !a.trySend(PROBE) && a.tryReceive().wouldBlock()
                && !b.trySend(PROBE) && b.tryReceive().wouldBlock();
        r.r4 = quiet ? 1 : 0;
    }
}
