package io.chanflow.fray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.ConcurrencyTest;

/**
 * Hand-off: two senders and two receivers on one channel. In every schedule each element is received exactly
 * once, and a receiver gets each sender's elements in the order that sender sent them (a sender's sends are
 * sequential and a channel is FIFO, so no receiver can see a later element of one sender before an earlier one).
 */
@ExtendWith(FrayTestExtension.class)
class HandOffFrayTest {
    private static final int SENDERS = 2;
    private static final int PER_SENDER = 2;
    private static final int RECEIVERS = 2;
    private static final int PER_RECEIVER = SENDERS * PER_SENDER / RECEIVERS;

    @ConcurrencyTest(iterations = Budget.HAND_OFF)
    void unbuffered() throws InterruptedException {
        handOff("unbuffered", Channel.make());
    }

    @ConcurrencyTest(iterations = Budget.HAND_OFF)
    void capacityOne() throws InterruptedException {
        handOff("capacityOne", Channel.make(1));
    }

    @AfterAll
    static void printOutcomes() {
        Outcomes.print(HandOffFrayTest.class);
    }

    private static void handOff(String race, Channel<Integer> ch) throws InterruptedException {
        List<Racer<Void>> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            senders.add(Racer.run("sender-" + s, () -> {
                for (int k = 0; k < PER_SENDER; k++) {
                    ch.send(element(sender, k));
                }
            }));
        }
        List<Racer<List<Integer>>> receivers = new ArrayList<>();
        for (int r = 0; r < RECEIVERS; r++) {
            receivers.add(Racer.call("receiver-" + r, () -> {
                List<Integer> got = new ArrayList<>();
                for (int k = 0; k < PER_RECEIVER; k++) {
                    got.add(ch.receive());
                }
                return got;
            }));
        }
        for (Racer<Void> s : senders) {
            s.join().value();
        }
        List<Integer> all = new ArrayList<>();
        StringBuilder split = new StringBuilder();
        for (Racer<List<Integer>> r : receivers) {
            List<Integer> got = r.join().value();
            split.append(split.isEmpty() ? "" : " ").append(got);
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                List<Integer> fromSender = got.stream().filter(e -> e / 100 == sender).toList();
                assertEquals(fromSender.stream().sorted().toList(), fromSender, r + ": FIFO per sender");
            }
            all.addAll(got);
        }
        List<Integer> expected = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            for (int k = 0; k < PER_SENDER; k++) {
                expected.add(element(s, k));
            }
        }
        assertEquals(expected, all.stream().sorted().toList(), "each element received exactly once");
        assertTrue(ch.tryReceive().wouldBlock(), "nothing left in the channel");
        Outcomes.record(HandOffFrayTest.class, race, split.toString());
    }

    private static int element(int sender, int k) {
        return sender * 100 + k;
    }
}
