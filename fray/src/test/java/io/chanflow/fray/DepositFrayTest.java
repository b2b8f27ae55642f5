package io.chanflow.fray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.ChannelClosedException;
import io.chanflow.Received;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.ConcurrencyTest;

/**
 * The waiting sender of an unbuffered channel: its element waits in the channel (in the engine's deposit when
 * {@code -Dio.chanflow.deposit=true}, in a queued node otherwise; this module runs both) while a receive and a
 * close race for it. Exactly one of the two happens: the element is taken (the send returns) or withdrawn (the send
 * throws "send on closed channel" and the receive reports the closure). Never both, never neither.
 */
@ExtendWith(FrayTestExtension.class)
class DepositFrayTest {

    @AfterAll
    static void printOutcomes() {
        Outcomes.print(DepositFrayTest.class);
    }
    private static final String SEND_ON_CLOSED = "send on closed channel";

    /** One waiting sender, a blocking receive, a close. */
    @ConcurrencyTest(iterations = Budget.DEPOSIT)
    void takenOrWithdrawn() throws InterruptedException {
        Channel<Integer> ch = Channel.make();
        Racer<Void> sender = Racer.run("sender", () -> ch.send(7));
        Racer<Received<Integer>> receiver = Racer.call("receiver", ch::receiveOrClosed);
        Racer<Void> closer = Racer.run("closer", ch::close);
        closer.join().value();
        Received<Integer> got = receiver.join().value();
        sender.join();
        if (got.ok()) {
            assertEquals(7, got.value());
            assertFalse(sender.threw(), "taken, so the send returns: " + sender);
        } else {
            assertTrue(got.isClosed(), "" + got);
            sender.thrown(ChannelClosedException.class, SEND_ON_CLOSED);
        }
        CloseRaceFrayTest.assertClosedAndDrained(ch);
        record("takenOrWithdrawn", got.ok() ? "taken" : "withdrawn");
    }

    /** The same with {@code tryReceive}, which may also come before the sender and find nothing. */
    @ConcurrencyTest(iterations = Budget.DEPOSIT)
    void takenByTryReceiveOrWithdrawn() throws InterruptedException {
        Channel<Integer> ch = Channel.make();
        Racer<Void> sender = Racer.run("sender", () -> ch.send(7));
        Racer<Received<Integer>> receiver = Racer.call("receiver", ch::tryReceive);
        Racer<Void> closer = Racer.run("closer", ch::close);
        closer.join().value();
        Received<Integer> got = receiver.join().value();
        sender.join();
        if (got.ok()) {
            assertEquals(7, got.value());
            assertFalse(sender.threw(), "taken, so the send returns: " + sender);
        } else {
            assertTrue(got.isClosed() || got.wouldBlock(), "" + got);
            sender.thrown(ChannelClosedException.class, SEND_ON_CLOSED);
        }
        CloseRaceFrayTest.assertClosedAndDrained(ch);
        record("takenByTryReceiveOrWithdrawn",
                got.ok() ? "taken" : got.isClosed() ? "withdrawn (receiver saw closure)" : "withdrawn (receiver too early)");
    }

    /**
     * Two waiting senders (one may hold the deposit, the other is queued behind it), one receive, a close: the
     * receive takes at most one element, its sender's send returns, and every other send throws.
     */
    @ConcurrencyTest(iterations = Budget.DEPOSIT)
    void oneOfTwoSendersTaken() throws InterruptedException {
        Channel<Integer> ch = Channel.make();
        Racer<Void> sender1 = Racer.run("sender-1", () -> ch.send(1));
        Racer<Void> sender2 = Racer.run("sender-2", () -> ch.send(2));
        Racer<Received<Integer>> receiver = Racer.call("receiver", ch::receiveOrClosed);
        Racer<Void> closer = Racer.run("closer", ch::close);
        closer.join().value();
        Received<Integer> got = receiver.join().value();
        sender1.join();
        sender2.join();
        int taken = got.ok() ? got.value() : 0;
        assertTrue(got.ok() || got.isClosed(), "" + got);
        for (Racer<Void> s : List.of(sender1, sender2)) {
            boolean mine = s == (taken == 1 ? sender1 : taken == 2 ? sender2 : null);
            if (mine) {
                assertFalse(s.threw(), "its element was taken, so its send returns: " + s);
            } else {
                s.thrown(ChannelClosedException.class, SEND_ON_CLOSED);
            }
        }
        CloseRaceFrayTest.assertClosedAndDrained(ch);
        record("oneOfTwoSendersTaken", taken == 0 ? "both withdrawn" : "took " + taken + ", other withdrawn");
    }

    private static void record(String race, String outcome) {
        Outcomes.record(DepositFrayTest.class, race, outcome);
    }
}
