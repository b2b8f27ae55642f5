package io.chanflow.fray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.Received;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.ConcurrencyTest;

/**
 * Context-bound channel operations racing the context's cancellation and a counterpart: Go's
 * {@code select { case v := <-ch: case <-ctx.Done(): return ctx.Err() }}. Either the operation completed or it threw
 * {@code ctx.err()} ({@link Context#CANCELED}, the same instance every time) and transferred nothing.
 */
@ExtendWith(FrayTestExtension.class)
class ContextReceiveFrayTest {

    @AfterAll
    static void printOutcomes() {
        Outcomes.print(ContextReceiveFrayTest.class);
    }

    /** {@code ch.receive(ctx)} against {@code cancel()} and a plain send on an unbuffered channel. */
    @ConcurrencyTest(iterations = Budget.CONTEXT)
    void receiveVsCancelAndSend() throws InterruptedException {
        Channel<Integer> ch = Channel.make();
        CancelContext ctx = Context.withCancel(Context.background());
        Racer<Integer> receiver = Racer.call("receiver", () -> ch.receive(ctx));
        Racer<Void> sender = Racer.run("sender", () -> ch.send(7));
        Racer<Void> canceller = Racer.run("canceller", ctx::cancel);
        canceller.join().value();
        receiver.join();
        assertSame(Context.CANCELED, ctx.err());
        if (receiver.threw()) {
            assertSame(Context.CANCELED, receiver.thrown(CancellationException.class, null));
            assertEquals(7, ch.receive(), "a cancelled receive took nothing: the sender still holds the element");
        } else {
            assertEquals(7, receiver.value());
        }
        sender.join().value();
        assertTrue(ch.tryReceive().wouldBlock(), "delivered exactly once");
        record("receiveVsCancelAndSend", receiver.threw() ? "cancel won" : "received");
    }

    /** {@code ch.send(ctx, e)} against {@code cancel()} and a plain receive on an unbuffered channel. */
    @ConcurrencyTest(iterations = Budget.CONTEXT)
    void sendVsCancelAndReceive() throws InterruptedException {
        Channel<Integer> ch = Channel.make();
        CancelContext ctx = Context.withCancel(Context.background());
        Racer<Void> sender = Racer.run("sender", () -> ch.send(ctx, 7));
        Racer<Received<Integer>> receiver = Racer.call("receiver", ch::receiveOrClosed);
        Racer<Void> canceller = Racer.run("canceller", ctx::cancel);
        canceller.join().value();
        sender.join();
        if (sender.threw()) {
            assertSame(Context.CANCELED, sender.thrown(CancellationException.class, null));
            ch.close(); // releases the receiver, which must not have got the element
            Received<Integer> got = receiver.join().value();
            assertTrue(got.isClosed(), "a cancelled send delivered nothing: " + got);
        } else {
            Received<Integer> got = receiver.join().value();
            assertTrue(got.ok() && got.value() == 7, "the completed send was received: " + got);
        }
        record("sendVsCancelAndReceive", sender.threw() ? "cancel won" : "sent");
    }

    private static void record(String race, String outcome) {
        Outcomes.record(ContextReceiveFrayTest.class, race, outcome);
    }
}
