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
 * Claim: a close never loses a buffered value. Values already in the buffer are received after the close, and only
 * then does a receive report the closure.
 *
 * <p>The state sends one element into a channel of capacity 1 before the actors start. Actor 1 closes; actor 2
 * {@code tryReceive}s twice. The first receive must get the element whether or not the close came first; the second
 * reports the closure if the close came before it, and would block otherwise.
 *
 * <p>Result codes, one per receive: {@code 1} the element, {@code 2} closed, {@code -1} would block, {@code 3} any
 * other value.
 */
@JCStressTest
@Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "element received, then the closure")
@Outcome(id = "1, -1", expect = ACCEPTABLE, desc = "element received, then would block: the close came last")
@Outcome(id = "2, .*", expect = FORBIDDEN, desc = "closure reported while a value was still buffered: value lost")
@Outcome(id = "-1, .*", expect = FORBIDDEN, desc = "would block on a full buffer")
@Outcome(expect = FORBIDDEN, desc = "a value was received twice, or one nobody sent")
@State
public class CloseKeepsBufferedValueTest {
    private static final Object ELEMENT = new Object();

    private final Channel<Object> ch = Channel.make(1);

    public CloseKeepsBufferedValueTest() {
        if (!ch.trySend(ELEMENT)) {
            throw new IllegalStateException("unexpected state: trySend failed on an empty buffer");
        }
    }

    @Actor
    public void closer() {
        ch.close();
    }

    @Actor
    public void receiver(II_Result r) {
        r.r1 = code(ch.tryReceive());
        r.r2 = code(ch.tryReceive());
    }

    private static int code(Received<Object> got) {
        if (got.ok()) {
            return got.value() == ELEMENT ? 1 : 3;
        }
        return got.isClosed() ? 2 : -1;
    }
}
