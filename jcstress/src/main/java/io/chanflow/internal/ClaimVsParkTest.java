package io.chanflow.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.locks.LockSupport;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Claim: {@link Waiter}'s one-word park protocol loses no wake-up. A claimer learns from the witness of its own CAS
 * whether the waiting thread is still spinning ({@link Waiter#CLAIMED}: it will see the claim by itself, and is not
 * unparked) or may be parked ({@link Waiter#CLAIMED_PARKED}: the claimer unparks it); no separate "parking" flag is
 * read. If the protocol were wrong, a claim would land between the waiter's last look at the state and its park
 * without an unpark, the waiter would park for ever, and jcstress would report the test as timed out.
 *
 * <p>This test sits in the engine's package, not in {@code io.chanflow.jcstress} with the black-box tests, because
 * the protocol is package-private: the channel tests go through it too, but cannot tell which side of the race
 * they hit. Actor 1 makes the waiter (a waiter belongs to the thread that makes it), publishes it, and awaits with a
 * spin of {@value #SPINS} rounds, so that its CAS to {@link Waiter#PARKED} and the claim meet often. Actor 2 waits
 * for the waiter to be published, writes a plain payload, claims the waiter and unparks it if the claim says so.
 *
 * <p>Result: {@code r1} the state {@code await} returned ({@code 0}, the claimed case); {@code r2} the claim's
 * result ({@code 1} {@link Waiter#CLAIMED}, {@code 2} {@link Waiter#CLAIMED_PARKED}, {@code 0} {@link Waiter#LOST});
 * {@code r3} the payload as the waiter read it after {@code await} returned.
 */
@JCStressTest
@Outcome(id = "0, 1, 42", expect = ACCEPTABLE, desc = "claimed while the waiter spun: it saw the claim by itself")
@Outcome(id = "0, 2, 42", expect = ACCEPTABLE_INTERESTING, desc = "claimed after the waiter announced its park: "
        + "unparked by the claimer")
@Outcome(id = "0, [12], 0", expect = FORBIDDEN, desc = "the waiter returned without seeing the claimer's write")
@Outcome(expect = FORBIDDEN, desc = "the claim was lost, or the waiter returned something else")
@State
public class ClaimVsParkTest {
    /** Short, so that the waiter's move to PARKED races with the claim; the engine's default is 128 on 2 CPUs. */
    static final int SPINS = 4;

    private volatile Waiter waiter;
    private int payload; // plain: published by the claim CAS

    @Actor
    public void waiting(III_Result r) {
        Waiter w = new Waiter();
        waiter = w;
        r.r1 = w.await(false, 0L, this, SPINS);
        r.r3 = payload;
    }

    @Actor
    public void claiming(III_Result r) {
        Waiter w;
        while ((w = waiter) == null) {
            Thread.onSpinWait();
        }
        payload = 42;
        int c = w.tryClaim(0);
        if (c == Waiter.CLAIMED_PARKED) {
            LockSupport.unpark(w.thread);
        }
        r.r2 = c;
    }
}
