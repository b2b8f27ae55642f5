package io.chanflow.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.chanflow.Channel;
import io.chanflow.Select;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Claim: a select's first pass, which decides from unlocked reads which channels to lock and try one at a time,
 * takes each element at most once and loses none, while the elements arrive under it. One actor sends one element
 * into each of two empty channels of capacity 1 ({@code a} gets 1, then {@code b} gets 2); the other runs a select
 * with a default over both. (Two actors: this machine's jcstress runs a test only if it has a core per actor.) A stale read may send the select to its locked pass or to a channel that turns out empty, but
 * what it takes is gone from the channel and what it does not take is still there.
 *
 * <p>Result: {@code r1} the select's outcome (1 from a, 2 from b, 0 the default); {@code r2} what the arbiter then
 * drained: 1 if {@code a} still held its element, plus 2 if {@code b} did (a drained element that is not the one
 * sent there adds 4).
 */
@JCStressTest
@Outcome(id = "0, 3", expect = ACCEPTABLE, desc = "the select ran before either element could be seen: default")
@Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "the select took a's element; b's is still there")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "the select took b's element; a's is still there")
@Outcome(expect = FORBIDDEN, desc = "an element taken twice, lost, or invented")
@State
public class SelectFirstPassVsSendsTest {
    private final Channel<Integer> a = Channel.make(1);
    private final Channel<Integer> b = Channel.make(1);

    @Actor
    public void sender() {
        a.trySend(1);
        b.trySend(2);
    }

    @Actor
    public void select(II_Result r) {
        try {
            r.r1 = Select.<Integer>returning()
                    .receive(a, v -> v)
                    .receive(b, v -> v)
                    .otherwise(() -> 0)
                    .get();
        } catch (InterruptedException e) {
            r.r1 = -1; // nobody interrupts, and a select with a default does not block: forbidden
        }
    }

    @Arbiter
    public void drain(II_Result r) {
        int left = 0;
        Integer x = a.tryReceive().value();
        if (x != null) {
            left += x == 1 ? 1 : 4;
        }
        Integer y = b.tryReceive().value();
        if (y != null) {
            left += y == 2 ? 2 : 4;
        }
        r.r2 = left;
    }
}
