package io.chanflow.fray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.ChannelClosedException;
import io.chanflow.Select;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.ConcurrencyTest;

/**
 * Two selects over the same two unbuffered channels with crossing cases:
 * <pre>
 * A: select { case c1 &lt;- 1: ... ; case v := &lt;-c2: ... }
 * B: select { case c2 &lt;- 2: ... ; case v := &lt;-c1: ... }
 * </pre>
 * They can only complete with each other, through c1 or through c2. In every schedule each completes exactly one
 * case, the two choices match (A sent on c1 iff B received 1 from c1; A received 2 iff B sent on c2), and neither
 * blocks for ever: the engine must not let both enqueue on every channel and wait (Fray reports that as a
 * deadlock), nor pair a select with itself.
 */
@ExtendWith(FrayTestExtension.class)
class SelectVsSelectFrayTest {

    @AfterAll
    static void printOutcomes() {
        Outcomes.print(SelectVsSelectFrayTest.class);
    }

    @ConcurrencyTest(iterations = Budget.SELECT)
    void crossingSelects() throws InterruptedException {
        Channel<Integer> c1 = Channel.make();
        Channel<Integer> c2 = Channel.make();
        Racer<String> a = Racer.call("A", () -> Select.<String>returning()
                .send(c1, 1, () -> "sent c1")
                .receive(c2, v -> "got " + v)
                .get());
        Racer<String> b = Racer.call("B", () -> Select.<String>returning()
                .send(c2, 2, () -> "sent c2")
                .receive(c1, v -> "got " + v)
                .get());
        String outcome = a.join().value() + " / " + b.join().value();
        assertTrue(Set.of("sent c1 / got 1", "got 2 / sent c2").contains(outcome), outcome);
        assertTrue(c1.tryReceive().wouldBlock() && c2.tryReceive().wouldBlock(), "nothing left behind");
        Outcomes.record(SelectVsSelectFrayTest.class, "crossingSelects", outcome);
    }

    /**
     * The same, while a third thread closes c1. Then A may also choose its send on the closed c1 (and throw), and
     * B's receive on c1 may report the closure; the outcomes still pair up.
     */
    @ConcurrencyTest(iterations = Budget.SELECT)
    void crossingSelectsWithClose() throws InterruptedException {
        Channel<Integer> c1 = Channel.make();
        Channel<Integer> c2 = Channel.make();
        Racer<String> a = Racer.call("A", () -> {
            try {
                return Select.<String>returning()
                        .send(c1, 1, () -> "sent c1")
                        .receive(c2, v -> "got " + v)
                        .get();
            } catch (ChannelClosedException e) {
                assertEquals("send on closed channel", e.getMessage());
                return "send on closed c1";
            }
        });
        Racer<String> b = Racer.call("B", () -> Select.<String>returning()
                .send(c2, 2, () -> "sent c2")
                .receiveOrClosed(c1, r -> r.ok() ? "got " + r.value() : "c1 closed")
                .get());
        Racer<Void> closer = Racer.run("closer", c1::close);
        closer.join().value();
        String outcome = a.join().value() + " / " + b.join().value();
        assertTrue(Set.of("sent c1 / got 1", "got 2 / sent c2", "send on closed c1 / c1 closed").contains(outcome),
                outcome);
        assertTrue(c2.tryReceive().wouldBlock(), "nothing left in c2");
        assertTrue(c1.tryReceive().isClosed(), "c1 closed and drained");
        Outcomes.record(SelectVsSelectFrayTest.class, "crossingSelectsWithClose", outcome);
    }
}
