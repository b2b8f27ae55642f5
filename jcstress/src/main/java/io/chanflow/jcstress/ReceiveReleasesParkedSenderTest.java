package io.chanflow.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.chanflow.Channel;
import io.chanflow.Received;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Claim: a receive from a full buffer releases a sender blocked on it. The receive happens-before that send returns,
 * the receiver gets the older element, and the sender's element takes the freed slot, in order.
 *
 * <p>Capacity 1, filled with one element before the actors start. Actor 1 writes a plain field and then blocks in
 * {@code receive} (it always finds the older element); actor 2 blocks in {@code send}, which always completes once
 * the receive has freed the slot. If the sender parked first, the receive moves the parked sender's element into the
 * buffer and claims its waiter under the lock, and the sender learns it through its volatile state; otherwise the
 * sender finds the free slot under the lock itself.
 *
 * <p>Result: {@code r1} the field as the sender read it after its send returned; {@code r2} what the receive got
 * ({@code 1} the older element, {@code 2} the sender's); {@code r3} what the arbiter then finds in the buffer
 * ({@code 2} the sender's element, {@code -1} nothing, {@code 1} the older element).
 */
@JCStressTest
@Outcome(id = "1, 1, 2", expect = ACCEPTABLE, desc = "send released, write visible, elements in FIFO order")
@Outcome(id = "0, 1, 2", expect = FORBIDDEN, desc = "the send returned without seeing the receiver's earlier write")
@Outcome(id = ".*, -1", expect = FORBIDDEN, desc = "the sender's element was lost")
@Outcome(expect = FORBIDDEN, desc = "elements out of order, duplicated or invented")
@State
public class ReceiveReleasesParkedSenderTest {
    private static final Object OLDER = new Object();
    private static final Object NEWER = new Object();

    private final Channel<Object> ch = Channel.make(1);
    private int writtenBeforeReceive; // plain

    public ReceiveReleasesParkedSenderTest() {
        if (!ch.trySend(OLDER)) {
            throw new IllegalStateException("unexpected state: trySend failed on an empty buffer");
        }
    }

    @Actor
    public void receiver(III_Result r) {
        writtenBeforeReceive = 1;
        try {
            r.r2 = code(ch.receive());
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
    }

    @Actor
    public void sender(III_Result r) {
        try {
            ch.send(NEWER);
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
        r.r1 = writtenBeforeReceive;
    }

    @Arbiter
    public void arbiter(III_Result r) {
        Received<Object> got = ch.tryReceive();
        r.r3 = got.ok() ? code(got.value()) : -1;
    }

    private static int code(Object e) {
        return e == OLDER ? 1 : e == NEWER ? 2 : 3;
    }
}
