package io.chanflow.fray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.Received;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.ConcurrencyTest;

/**
 * Timeout versus claim, the interrupt race's twin: a timed operation gives up through the same single decision as
 * an interrupted one, so either it completed or it timed out having transferred nothing. Run with
 * {@code ignoreTimedBlock = false} (Fray's default is {@code true}), so that Fray may let a timed park time out.
 * Even so the timeout side is the rare one: a few schedules in a few hundred (the printed outcome counts show how
 * many), hence the larger budget.
 */
@ExtendWith(FrayTestExtension.class)
class TimeoutVsClaimFrayTest {
    private static final Duration TIMEOUT = Duration.ofMillis(5);

    @AfterAll
    static void printOutcomes() {
        Outcomes.print(TimeoutVsClaimFrayTest.class);
    }

    /** Timed receive against timed send on an unbuffered channel: both complete together, or both time out. */
    @ConcurrencyTest(iterations = Budget.TIMEOUT, ignoreTimedBlock = false)
    void timedReceiveVsTimedSend() throws InterruptedException {
        Channel<Integer> ch = Channel.make();
        Racer<Received<Integer>> receiver = Racer.call("receiver", () -> ch.receive(TIMEOUT));
        Racer<Boolean> sender = Racer.call("sender", () -> ch.send(7, TIMEOUT));
        Received<Integer> got = receiver.join().value();
        boolean sent = sender.join().value();
        if (sent) {
            assertTrue(got.ok() && got.value() == 7, "the completed send was received: " + got);
        } else {
            assertTrue(got.wouldBlock(), "the send timed out, so the receive did too: " + got);
        }
        assertTrue(ch.tryReceive().wouldBlock(), "nothing left behind");
        Outcomes.record(TimeoutVsClaimFrayTest.class, "timedReceiveVsTimedSend", sent ? "both completed" : "both timed out");
    }

    /** Timed receive against a plain send: a receive that timed out took nothing; the element is still there. */
    @ConcurrencyTest(iterations = Budget.TIMEOUT, ignoreTimedBlock = false)
    void timedReceiveVsSend() throws InterruptedException {
        Channel<Integer> ch = Channel.make();
        Racer<Received<Integer>> receiver = Racer.call("receiver", () -> ch.receive(TIMEOUT));
        Racer<Void> sender = Racer.run("sender", () -> ch.send(7));
        Received<Integer> got = receiver.join().value();
        if (got.wouldBlock()) {
            assertEquals(7, ch.receive(), "a timed-out receive took nothing");
        } else {
            assertTrue(got.ok() && got.value() == 7, "" + got);
        }
        sender.join().value();
        assertTrue(ch.tryReceive().wouldBlock(), "delivered exactly once");
        Outcomes.record(TimeoutVsClaimFrayTest.class, "timedReceiveVsSend", got.ok() ? "received" : "timed out");
    }
}
