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
 * Claim: a close happens-before a receive that reports the closure. A goroutine that learns "closed" from a
 * non-blocking receive sees everything the closer wrote before closing.
 *
 * <p>Actor 1 writes a plain field and closes an empty channel; actor 2 {@code tryReceive}s once. The closure is
 * read under the channel lock (no waiter is involved; {@link CloseWakesParkedReceiverTest} covers the parked
 * receiver).
 *
 * <p>Result: the field as the receiver read it if it saw the closure; {@code -1} if the channel was still open
 * ({@code wouldBlock}); {@code -2} if it received a value, which nobody sent.
 */
@JCStressTest
@Outcome(id = "-1", expect = ACCEPTABLE, desc = "the receive ran before the close: would block")
@Outcome(id = "1", expect = ACCEPTABLE, desc = "closure reported, and the closer's write is visible")
@Outcome(id = "0", expect = FORBIDDEN, desc = "closure reported, but the write made before close is not visible")
@Outcome(expect = FORBIDDEN, desc = "a value was received from a channel nobody sent on")
@State
public class CloseHappensBeforeClosedReceiveTest {
    private final Channel<Object> ch = Channel.make();
    private int writtenBeforeClose; // plain

    @Actor
    public void closer() {
        writtenBeforeClose = 1;
        ch.close();
    }

    @Actor
    public void receiver(I_Result r) {
        Received<Object> got = ch.tryReceive();
        if (got.isClosed()) {
            r.r1 = writtenBeforeClose;
        } else {
            r.r1 = got.wouldBlock() ? -1 : -2;
        }
    }
}
