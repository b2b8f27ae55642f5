package io.chanflow.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.chanflow.Channel;
import io.chanflow.Received;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Claim: on a channel of capacity C, the k-th receive happens-before the (k+C)-th send completes. This is what
 * makes a buffered channel usable as a counting semaphore: a send that gets a slot sees what the goroutine that freed
 * the slot did before its receive.
 *
 * <p>Capacity 1, filled with one element before the actors start. Actor 1 writes a plain field and then receives
 * (the 1st receive); actor 2 {@code trySend}s (the 2nd send), which succeeds only once that receive has freed the
 * slot. No waiter is involved; {@link ReceiveReleasesParkedSenderTest} covers a sender parked on the full buffer.
 *
 * <p>Result: {@code r1} is the field as the sender read it after a successful send, or {@code -1} if the buffer was
 * still full; {@code r2} is {@code 1} if the receive got the element that was there first, {@code 2} if it got the
 * sender's, {@code -1} if it got nothing.
 */
@JCStressTest
@Outcome(id = "-1, 1", expect = ACCEPTABLE, desc = "the send ran first and found the buffer full")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the send took the freed slot and sees the receiver's write")
@Outcome(id = "0, 1", expect = FORBIDDEN, desc = "the send took the freed slot without seeing the receiver's"
        + " earlier write")
@Outcome(expect = FORBIDDEN, desc = "the receive got nothing, or the newer element before the older")
@State
public class ReceiveHappensBeforeSendCompletionTest {
    private static final Object FIRST = new Object();
    private static final Object SECOND = new Object();

    private final Channel<Object> ch = Channel.make(1);
    private int writtenBeforeReceive; // plain

    public ReceiveHappensBeforeSendCompletionTest() {
        if (!ch.trySend(FIRST)) {
            throw new IllegalStateException("unexpected state: trySend failed on an empty buffer");
        }
    }

    @Actor
    public void receiver(II_Result r) {
        writtenBeforeReceive = 1;
        Received<Object> got = ch.tryReceive();
        r.r2 = !got.ok() ? -1 : got.value() == FIRST ? 1 : got.value() == SECOND ? 2 : 3;
    }

    @Actor
    public void sender(II_Result r) {
        r.r1 = ch.trySend(SECOND) ? writtenBeforeReceive : -1;
    }
}
