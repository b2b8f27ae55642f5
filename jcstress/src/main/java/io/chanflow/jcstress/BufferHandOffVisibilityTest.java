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
 * Claim: a send through the buffer happens-before the receive that takes the element, so a receiver that gets a
 * freshly built object sees every plain write made to it before the send.
 *
 * <p>Actor 1 fills the plain fields of a new {@link Payload} and {@code trySend}s it into an empty channel of
 * capacity 1 (so the send cannot fail); actor 2 {@code tryReceive}s and, if it got the payload, reads its fields.
 * The element goes through the buffer under the channel lock; no waiter is involved.
 *
 * <p>Result: the fields {@code (x, y)} as the receiver read them, or {@code (-1, -1)} if it received nothing.
 */
@JCStressTest
@Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "the receive ran before the send: nothing received")
@Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "payload received with both writes visible")
@Outcome(expect = FORBIDDEN, desc = "payload received but a field reads its default: the buffer published it"
        + " without a happens-before edge")
@State
public class BufferHandOffVisibilityTest {
    private final Channel<Payload> ch = Channel.make(1);

    @Actor
    public void sender() {
        Payload p = new Payload();
        p.x = 1;
        p.y = 2;
        if (!ch.trySend(p)) {
            throw new IllegalStateException("unexpected state: trySend failed on an empty buffer");
        }
    }

    @Actor
    public void receiver(II_Result r) {
        Received<Payload> got = ch.tryReceive();
        if (got.ok()) {
            Payload p = got.value();
            r.r1 = p.x;
            r.r2 = p.y;
        } else {
            r.r1 = -1;
            r.r2 = -1;
        }
    }
}
