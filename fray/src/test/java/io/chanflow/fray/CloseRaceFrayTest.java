package io.chanflow.fray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.ChannelClosedException;
import io.chanflow.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.ConcurrencyTest;

/**
 * A close racing a send, with and without a receiver. A send either delivers its element or throws
 * {@code ChannelClosedException("send on closed channel")}, and then the element is received by nobody; a receive
 * gets either the element or the closure, never both and never neither. (The unbuffered channel with a waiting
 * sender, a receive and a close is {@link DepositFrayTest}.)
 */
@ExtendWith(FrayTestExtension.class)
class CloseRaceFrayTest {

    @AfterAll
    static void printOutcomes() {
        Outcomes.print(CloseRaceFrayTest.class);
    }
    private static final String SEND_ON_CLOSED = "send on closed channel";

    /** Capacity 1: sender, closer and receiver all race; the receiver gets the element iff the send delivered it. */
    @ConcurrencyTest(iterations = Budget.CLOSE)
    void closeVsSendAndReceiveBuffered() throws InterruptedException {
        Channel<Integer> ch = Channel.make(1);
        Racer<Void> sender = Racer.run("sender", () -> ch.send(7));
        Racer<Void> closer = Racer.run("closer", ch::close);
        Racer<Received<Integer>> receiver = Racer.call("receiver", ch::receiveOrClosed);
        closer.join().value();
        sender.join();
        Received<Integer> got = receiver.join().value();
        if (sender.threw()) {
            sender.thrown(ChannelClosedException.class, SEND_ON_CLOSED);
            assertTrue(got.isClosed(), "send failed, so the receiver gets the closure: " + got);
        } else {
            assertTrue(got.ok(), "send delivered, so the receiver gets the element: " + got);
            assertEquals(7, got.value());
        }
        assertClosedAndDrained(ch);
        record("closeVsSendAndReceiveBuffered", sender.threw() ? "closed first" : "delivered");
    }

    /** Unbuffered, no receiver: the blocked (or arriving) send can only end by the close, with the exception. */
    @ConcurrencyTest(iterations = Budget.CLOSE)
    void closeVsSendUnbuffered() throws InterruptedException {
        Channel<Integer> ch = Channel.make();
        Racer<Void> sender = Racer.run("sender", () -> ch.send(7));
        Racer<Void> closer = Racer.run("closer", ch::close);
        closer.join().value();
        sender.join().thrown(ChannelClosedException.class, SEND_ON_CLOSED);
        assertClosedAndDrained(ch);
        record("closeVsSendUnbuffered", "send threw");
    }

    /**
     * Capacity 1, no receiver, {@code trySend}: the element is buffered (and still received after the close), or
     * the send throws; on an empty buffer of an open channel trySend never reports "would block".
     */
    @ConcurrencyTest(iterations = Budget.CLOSE)
    void closeVsSendBuffered() throws InterruptedException {
        Channel<Integer> ch = Channel.make(1);
        Racer<Boolean> sender = Racer.call("sender", () -> ch.trySend(7));
        Racer<Void> closer = Racer.run("closer", ch::close);
        closer.join().value();
        sender.join();
        if (sender.threw()) {
            sender.thrown(ChannelClosedException.class, SEND_ON_CLOSED);
        } else {
            assertTrue(sender.value(), "trySend refused an empty buffer of an open channel");
            Received<Integer> first = ch.tryReceive();
            assertTrue(first.ok(), "a buffered element is received after the close: " + first);
            assertEquals(7, first.value());
        }
        assertClosedAndDrained(ch);
        record("closeVsSendBuffered", sender.threw() ? "closed first" : "buffered");
    }

    private static void record(String race, String outcome) {
        Outcomes.record(CloseRaceFrayTest.class, race, outcome);
    }

    static void assertClosedAndDrained(Channel<Integer> ch) {
        Received<Integer> after = ch.tryReceive();
        assertTrue(after.isClosed(), "closed and drained: " + after);
    }
}
