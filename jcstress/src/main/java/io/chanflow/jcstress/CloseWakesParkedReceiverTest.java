package io.chanflow.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.chanflow.Channel;
import io.chanflow.Received;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * Claim: a close wakes a blocked receiver with the closure, and happens-before that receive returns.
 *
 * <p>Actor 1 writes a plain field and closes an empty unbuffered channel; actor 2 blocks in
 * {@code receiveOrClosed}, which always returns because the close always comes. Either the receiver finds the channel
 * already closed under the lock, or it parks and the close claims its waiter, storing the closure into the node
 * before the claim CAS; the receiver must then see both the closure and the closer's earlier write.
 *
 * <p>Result: the field as the receiver read it after seeing the closure; {@code -2} if the receive returned
 * anything but the closure.
 */
@JCStressTest
@Outcome(id = "1", expect = ACCEPTABLE, desc = "closure reported, and the closer's write is visible")
@Outcome(id = "0", expect = FORBIDDEN, desc = "closure reported, but the write made before close is not visible")
@Outcome(expect = FORBIDDEN, desc = "the blocked receive returned something other than the closure")
@State
public class CloseWakesParkedReceiverTest {
    private final Channel<Object> ch = Channel.make();
    private int writtenBeforeClose; // plain

    @Actor
    public void closer() {
        writtenBeforeClose = 1;
        ch.close();
    }

    @Actor
    public void receiver(I_Result r) {
        Received<Object> got;
        try {
            got = ch.receiveOrClosed();
        } catch (InterruptedException e) {
            throw new IllegalStateException("unexpected state: harness thread interrupted", e);
        }
        r.r1 = got.isClosed() ? writtenBeforeClose : -2;
    }
}
