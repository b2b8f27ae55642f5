package io.chanflow.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.chanflow.Channel;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZZZ_Result;

/**
 * Claim: an interrupt racing a hand-off to a blocked receiver never loses or duplicates the element. Exactly one of
 * the two wins: either the receive returns the element and leaves the interrupt flag set, or it throws
 * {@link InterruptedException} (flag cleared) and the sender reports that nothing was delivered.
 *
 * <p>This pins the claim CAS: the sender claims the receiver's waiter (WAITING to claimed) while the woken receiver
 * tries to give up (WAITING to INTERRUPTED); exactly one CAS may succeed, and each side must act on the result.
 *
 * <p>Actor 1 publishes its thread and blocks in {@code receive} on an unbuffered channel. Actor 2 waits for that
 * thread, interrupts it, and immediately {@code trySend}s, which succeeds only by claiming a receiver still waiting.
 * The receive always ends: the interrupt is always delivered, before any hand-off. Actor 1 then reads (and clears)
 * its interrupt flag, so no interrupt leaks into the harness. Afterwards the arbiter checks that the channel is quiet:
 * no receiver node left that a later send could hand an element to, and no element left behind.
 *
 * <p>Result: {@code r1} the send reported success; {@code r2} the receive returned the element; {@code r3} the
 * receiver's interrupt flag was set after the receive; {@code r4} the arbiter found the channel quiet.
 */
@JCStressTest
@Outcome(id = "false, false, false, true", expect = ACCEPTABLE,
        desc = "the interrupt won: InterruptedException, nothing delivered")
@Outcome(id = "true, true, true, true", expect = ACCEPTABLE_INTERESTING,
        desc = "the hand-off won over the pending interrupt: element received, interrupt flag kept")
@Outcome(id = "true, true, false, .*", expect = FORBIDDEN, desc = "element received but the interrupt was swallowed")
@Outcome(id = "false, false, true, .*", expect = FORBIDDEN,
        desc = "InterruptedException thrown but the flag left set: the interrupt was reported twice")
@Outcome(id = "true, false, .*", expect = FORBIDDEN, desc = "the send reported success but the receiver got nothing:"
        + " element lost")
@Outcome(id = "false, true, .*", expect = FORBIDDEN, desc = "the receiver got an element the send reported as not sent")
@Outcome(expect = FORBIDDEN, desc = "a waiter was left behind in the channel")
@State
public class InterruptVsHandOffTest {
    private static final Object ELEMENT = new Object();
    private static final Object PROBE = new Object();

    private final Channel<Object> ch = Channel.make();
    private volatile Thread receiverThread;

    @Actor
    public void receiver(ZZZZ_Result r) {
        receiverThread = Thread.currentThread();
        try {
            r.r2 = ch.receive() == ELEMENT;
        } catch (InterruptedException interrupted) {
            r.r2 = false;
        }
        r.r3 = Thread.interrupted();
    }

    @Actor
    public void interrupterThenSender(ZZZZ_Result r) {
        Thread t;
        while ((t = receiverThread) == null) {
            Thread.onSpinWait(); // the receiver reaches this state soon: actors walk the states in the same order
        }
        t.interrupt();
        r.r1 = ch.trySend(ELEMENT);
    }

    @Arbiter
    public void arbiter(ZZZZ_Result r) {
        r.r4 = !ch.trySend(PROBE) && ch.tryReceive().wouldBlock();
    }
}
