package io.chanflow.fray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.Received;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.ConcurrencyTest;

/**
 * Interrupt versus claim: a thread blocked in (or entering) a channel operation is interrupted while a counterpart
 * completes that operation. Exactly one wins. If the hand-off won, the operation completed and the interrupt flag
 * is still set; if the interrupt won, {@link InterruptedException} was thrown and nothing was transferred: the
 * element is still there for someone else. Nothing lost, nothing duplicated.
 *
 * <p>The racer that may win its operation checks its flag only after the interrupter has run: it waits for the
 * interrupter with {@link Semaphore#acquireUninterruptibly()}, which neither throws nor clears the flag.
 */
@ExtendWith(FrayTestExtension.class)
class InterruptVsClaimFrayTest {

    @AfterAll
    static void printOutcomes() {
        Outcomes.print(InterruptVsClaimFrayTest.class);
    }

    /** What the interrupted racer saw: the operation's result (or null if it threw) and its interrupt flag. */
    private record Outcome(Integer value, boolean interrupted, boolean flagAfter) {
    }

    @ConcurrencyTest(iterations = Budget.INTERRUPT)
    void interruptedReceiverUnbuffered() throws InterruptedException {
        interruptedReceiver("interruptedReceiverUnbuffered", Channel.make());
    }

    @ConcurrencyTest(iterations = Budget.INTERRUPT)
    void interruptedReceiverCapacityOne() throws InterruptedException {
        interruptedReceiver("interruptedReceiverCapacityOne", Channel.make(1));
    }

    private static void interruptedReceiver(String race, Channel<Integer> ch) throws InterruptedException {
        Semaphore interrupterDone = new Semaphore(0);
        Racer<Outcome> receiver = Racer.call("receiver", () -> {
            try {
                Integer v = ch.receive();
                interrupterDone.acquireUninterruptibly();
                return new Outcome(v, false, Thread.currentThread().isInterrupted());
            } catch (InterruptedException e) {
                return new Outcome(null, true, Thread.currentThread().isInterrupted());
            }
        });
        Racer<Void> sender = Racer.run("sender", () -> ch.send(7));
        Racer<Void> interrupter = Racer.run("interrupter", () -> {
            receiver.interrupt();
            interrupterDone.release();
        });
        interrupter.join().value();
        Outcome o = receiver.join().value();
        if (o.interrupted()) {
            assertFalse(o.flagAfter(), "InterruptedException clears the flag");
            // Nothing was taken: the element is still in the channel (buffered, or held by the waiting sender).
            assertEquals(7, ch.receive(), "the element survives the interrupted receive");
        } else {
            assertEquals(7, o.value());
            assertTrue(o.flagAfter(), "the receive won against the interrupt, which must stay pending");
        }
        sender.join().value();
        assertTrue(ch.tryReceive().wouldBlock(), "delivered exactly once");
        record(race, o);
    }

    /**
     * The mirror image on an unbuffered channel: a sender interrupted while a receiver takes its element. If the send
     * threw, the element was not delivered: the receiver only sees the closure that follows.
     */
    @ConcurrencyTest(iterations = Budget.INTERRUPT)
    void interruptedSenderUnbuffered() throws InterruptedException {
        Channel<Integer> ch = Channel.make();
        Semaphore interrupterDone = new Semaphore(0);
        Racer<Outcome> sender = Racer.call("sender", () -> {
            try {
                ch.send(7);
                interrupterDone.acquireUninterruptibly();
                return new Outcome(7, false, Thread.currentThread().isInterrupted());
            } catch (InterruptedException e) {
                return new Outcome(null, true, Thread.currentThread().isInterrupted());
            }
        });
        Racer<Received<Integer>> receiver = Racer.call("receiver", ch::receiveOrClosed);
        Racer<Void> interrupter = Racer.run("interrupter", () -> {
            sender.interrupt();
            interrupterDone.release();
        });
        interrupter.join().value();
        Outcome o = sender.join().value();
        if (o.interrupted()) {
            assertFalse(o.flagAfter(), "InterruptedException clears the flag");
            ch.close(); // releases the receiver, which must not have got the element
            Received<Integer> got = receiver.join().value();
            assertTrue(got.isClosed(), "an interrupted send delivered nothing: " + got);
        } else {
            assertTrue(o.flagAfter(), "the send won against the interrupt, which must stay pending");
            Received<Integer> got = receiver.join().value();
            assertTrue(got.ok() && got.value() == 7, "the completed send was received: " + got);
        }
        record("interruptedSenderUnbuffered", o);
    }

    private static void record(String race, Outcome o) {
        Outcomes.record(InterruptVsClaimFrayTest.class, race, o.interrupted() ? "interrupt won" : "hand-off won");
    }
}
