package io.chanflow.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.chanflow.Channel;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Claim: the slot of an unbuffered channel is freed and taken again without losing, reordering or tearing an
 * element. One sender sends two payloads, one receiver receives twice; both arrive once, in order, each with the
 * field its sender wrote.
 *
 * <p>The slot is taken, claimed, freed and taken again within one state object. When the receiver comes first it
 * waits in the slot; the sender claims it without the lock and goes straight on to its second send, while the
 * receiver's thread is still freeing the slot without the lock (reading its element, clearing the item and thread,
 * then a release store of "free"). The second send finds the slot decided and not yet freed (and queues a node
 * behind it), or free (and queues a node, as senders do), or the receiver already waiting in it again (and claims
 * it). A receiver that took the slot as "free" before the clearing writes were visible would have its thread
 * overwritten by the leaving one, or the element it is handed cleared: an element lost or read as the other one, or
 * a receiver never woken (a timeout in jcstress). (jcstress runs a test only if it has a CPU per actor, so this race
 * has two parties, to run on two CPUs.)
 *
 * <p>Result: {@code r1}, {@code r2} the fields of the first and second payload received (the sender writes 1, then
 * 2); {@code r3} {@code 1} once both sends returned; {@code r4} {@code 1} if the arbiter found the channel quiet.
 */
@JCStressTest
@Outcome(id = "1, 2, 1, 1", expect = ACCEPTABLE, desc = "both payloads arrived, in order, with their fields")
@Outcome(expect = FORBIDDEN, desc = "an element was lost, duplicated, reordered or read without its sender's write, "
        + "or a waiter was left behind")
@State
public class SlotReuseTest {
    private static final Payload PROBE = new Payload();

    private final Channel<Payload> ch = Channel.make();

    @Actor
    public void receiver(IIII_Result r) {
        try {
            r.r1 = ch.receive().x;
            r.r2 = ch.receive().x;
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
    }

    @Actor
    public void sender(IIII_Result r) {
        Payload first = new Payload();
        first.x = 1;
        Payload second = new Payload();
        second.x = 2;
        try {
            ch.send(first);
            ch.send(second);
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
        r.r3 = 1;
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        r.r4 = !ch.trySend(PROBE) && ch.tryReceive().wouldBlock() ? 1 : 0;
    }
}
