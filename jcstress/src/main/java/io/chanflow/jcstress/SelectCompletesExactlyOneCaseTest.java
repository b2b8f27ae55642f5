package io.chanflow.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.chanflow.Channel;
import io.chanflow.Select;
import io.chanflow.time.Time;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Claim: two selects that meet on two channels complete exactly one matching pair of cases. A receiving select
 * (receive from a, receive from b, or a timer) and a sending select (send 1 on a, send 2 on b, or a timer) race;
 * whichever parks first is claimed once, through one of its nodes, by the other's poll; the losing nodes are
 * unlinked so that nothing later can be handed to them.
 *
 * <p>Result: {@code r1} what the receiver got (1 from a, 2 from b, 0 its timer); {@code r2} what the sender sent (1
 * on a, 2 on b, 0 its timer); {@code r3} 1 if the arbiter found both channels quiet.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "they met on a")
@Outcome(id = "2, 2, 1", expect = ACCEPTABLE, desc = "they met on b")
@Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "both timers fired first")
@Outcome(expect = FORBIDDEN, desc = "a one-sided transfer, a mismatch, or a registration left behind")
@State
public class SelectCompletesExactlyOneCaseTest {
    /** Long enough that the two usually meet, short enough to keep the test quick when one comes late. */
    private static final Duration WAIT = Duration.ofMillis(5);

    private final Channel<Integer> a = Channel.make();
    private final Channel<Integer> b = Channel.make();

    @Actor
    public void receiver(III_Result r) {
        try {
            r.r1 = Select.<Integer>returning()
                    .receive(a, v -> v)
                    .receive(b, v -> v)
                    .receive(Time.after(WAIT), t -> 0)
                    .get();
        } catch (InterruptedException e) {
            r.r1 = -1; // nobody interrupts: a forbidden outcome
        }
    }

    @Actor
    public void sender(III_Result r) {
        try {
            r.r2 = Select.<Integer>returning()
                    .send(a, 1, () -> 1)
                    .send(b, 2, () -> 2)
                    .receive(Time.after(WAIT), t -> 0)
                    .get();
        } catch (InterruptedException e) {
            r.r2 = -1;
        }
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = !a.trySend(9) && !b.trySend(9) && a.tryReceive().wouldBlock() && b.tryReceive().wouldBlock() ? 1 : 0;
    }
}
