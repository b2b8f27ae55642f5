package io.chanflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many producers and consumers, and storms of interrupts and timeouts: every element arrives exactly once, or is
 * reported as not sent by the very send that failed.
 */
@Timeout(300)
class ChannelStressTest {

    @AfterEach
    void noGoroutineLeft() {
        Spawned.assertNoGoroutineLeft();
    }

    /**
     * 8 producers, 8 consumers, 1 000 000 elements: each received exactly once (count, checksum and a per-element
     * tally), and each consumer sees each producer's elements in the order they were sent (FIFO).
     */
    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 1024})
    void eightProducersEightConsumersEveryElementExactlyOnce(int cap) throws Exception {
        int producers = 8, consumers = 8, total = 1_000_000, perProducer = total / producers;
        Channel<Integer> ch = Channel.make(cap);
        AtomicIntegerArray tally = new AtomicIntegerArray(total);
        AtomicLong count = new AtomicLong(), sum = new AtomicLong();
        List<String> orderErrors = java.util.Collections.synchronizedList(new ArrayList<>());

        WaitGroup sent = new WaitGroup();
        for (int p = 0; p < producers; p++) {
            int base = p * perProducer;
            sent.go(() -> {
                for (int i = 0; i < perProducer; i++) {
                    ch.send(base + i);
                }
            });
        }
        WaitGroup received = new WaitGroup();
        for (int c = 0; c < consumers; c++) {
            received.go(() -> {
                int[] lastFrom = new int[producers];
                java.util.Arrays.fill(lastFrom, -1);
                long n = 0, s = 0;
                for (int v : ch) {
                    tally.incrementAndGet(v);
                    n++;
                    s += v;
                    int p = v / perProducer;
                    if (v <= lastFrom[p]) {
                        orderErrors.add("producer " + p + ": " + v + " after " + lastFrom[p]);
                    }
                    lastFrom[p] = v;
                }
                count.addAndGet(n);
                sum.addAndGet(s);
            });
        }
        sent.await();
        ch.close();
        received.await();

        assertEquals(total, count.get());
        assertEquals((long) total * (total - 1) / 2, sum.get());
        for (int i = 0; i < total; i++) {
            if (tally.get(i) != 1) {
                throw new AssertionError("element " + i + " received " + tally.get(i) + " times");
            }
        }
        assertTrue(orderErrors.isEmpty(), () -> orderErrors.subList(0, Math.min(5, orderErrors.size())).toString());
    }

    /**
     * Senders and receivers are interrupted at random (mode {@code interrupt}) or give up after random tiny timeouts
     * (mode {@code timeout}) in the middle of transfers. Each element is then either received exactly once, or
     * reported as not delivered by its own failed send — never both, never neither, never twice.
     */
    @ParameterizedTest(name = "cap {0}, {1}")
    @CsvSource({"0, interrupt", "1, interrupt", "16, interrupt", "0, timeout", "1, timeout", "16, timeout"})
    void stormsLoseNothingAndDuplicateNothing(int cap, String mode) throws Exception {
        boolean interrupts = mode.equals("interrupt");
        int senders = 4, receivers = 4, perSender = 20_000, total = senders * perSender;
        Channel<Integer> ch = Channel.make(cap);
        AtomicIntegerArray received = new AtomicIntegerArray(total);
        AtomicIntegerArray notSent = new AtomicIntegerArray(total);

        WaitGroup sendersDone = new WaitGroup();
        List<Thread> victims = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int s = 0; s < senders; s++) {
            int base = s * perSender;
            victims.add(sendersDone.go(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < perSender; i++) {
                    int v = base + i;
                    boolean delivered;
                    try {
                        delivered = interrupts ? sendReturningTrue(ch, v)
                                : ch.send(v, Duration.ofNanos(rnd.nextInt(1, 20_000)));
                    } catch (InterruptedException e) {
                        delivered = false;
                    }
                    if (!delivered) {
                        notSent.incrementAndGet(v);
                    }
                }
            }));
        }
        WaitGroup receiversDone = new WaitGroup();
        for (int r = 0; r < receivers; r++) {
            victims.add(receiversDone.go(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (;;) {
                    Received<Integer> got;
                    try {
                        got = interrupts ? ch.receiveOrClosed()
                                : ch.receive(Duration.ofNanos(rnd.nextInt(1, 20_000)));
                    } catch (InterruptedException e) {
                        continue; // nothing was taken
                    }
                    if (got.isClosed()) {
                        return;
                    }
                    if (got.ok()) {
                        received.incrementAndGet(got.value());
                    }
                }
            }));
        }
        java.util.concurrent.atomic.AtomicBoolean calm = new java.util.concurrent.atomic.AtomicBoolean();
        Spawned<Void> chaos = null;
        if (interrupts) {
            chaos = Spawned.run(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (!calm.get()) {
                    victims.get(rnd.nextInt(victims.size())).interrupt();
                    Thread.yield(); // let the victims run between interrupts
                }
            });
        }
        sendersDone.await();
        calm.set(true);
        if (chaos != null) {
            chaos.join();
        }
        ch.close();
        receiversDone.await();

        int delivered = 0;
        for (int v = 0; v < total; v++) {
            int r = received.get(v), n = notSent.get(v);
            if (r + n != 1) {
                throw new AssertionError("element " + v + ": received " + r + " times, reported not sent " + n + " times");
            }
            delivered += r;
        }
        assertTrue(delivered > 0, "the storm let something through");
    }

    /**
     * Four channels, each with two senders and two receivers, all through context-bound operations on one context:
     * selects over their own channel and the one shared done channel, the shape of every {@code Patterns} pipeline,
     * so selects contend for the done channel's lock while holding their own. Every element arrives exactly once,
     * within a bound. ({@code PatternsTest.startingAndCancellingPipelinesRepeatedlyNeverLivelocks} is the test that
     * caught a select yielding its carrier while it held a lock.)
     */
    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 16})
    void contextBoundSelectsSharingADoneChannelDeliverEveryElementOnce(int cap) throws Exception {
        int channels = 4, sendersPerChannel = 2, receiversPerChannel = 2, perSender = 10_000;
        int total = channels * sendersPerChannel * perSender;
        List<Channel<Integer>> chs = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            chs.add(Channel.make(cap));
        }
        AtomicIntegerArray tally = new AtomicIntegerArray(total);
        java.util.concurrent.CountDownLatch allReceived = new java.util.concurrent.CountDownLatch(total);
        try (io.chanflow.context.CancelContext ctx = io.chanflow.context.Context.withCancel(
                io.chanflow.context.Context.background())) {
            for (int c = 0; c < channels; c++) {
                Channel<Integer> ch = chs.get(c);
                for (int s = 0; s < sendersPerChannel; s++) {
                    int base = (c * sendersPerChannel + s) * perSender;
                    Go.go(() -> {
                        for (int i = 0; i < perSender; i++) {
                            ch.send(ctx, base + i);
                        }
                    });
                }
                for (int r = 0; r < receiversPerChannel; r++) {
                    Go.go(() -> {
                        try {
                            for (;;) {
                                tally.incrementAndGet(ch.receive(ctx));
                                allReceived.countDown();
                            }
                        } catch (java.util.concurrent.CancellationException done) {
                            // the test is over
                        }
                    });
                }
            }
            assertTrue(allReceived.await(60, java.util.concurrent.TimeUnit.SECONDS),
                    () -> allReceived.getCount() + " elements still missing; goroutines:\n" + Goroutines.dump());
        } // cancel: the receivers' selects end through the done channel
        for (int v = 0; v < total; v++) {
            assertEquals(1, tally.get(v), "element " + v);
        }
    }

    private static boolean sendReturningTrue(Channel<Integer> ch, int v) throws InterruptedException {
        ch.send(v);
        return true;
    }

    /**
     * Plain senders on two unbuffered channels, and selects receiving from both: each element is taken exactly once.
     * A plain send that finds no receiver waits with its element in the channel's deposit, without the lock, so
     * deposits keep arriving while a select polls and enqueues under its locks; one that arrives on each channel
     * while a select enqueues must go to that select once and to another receiver, never to a select already won.
     */
    @ParameterizedTest(name = "{0} selects")
    @ValueSource(ints = {1, 3})
    void selectsTakeEachElementOfPlainSendersOnUnbufferedChannelsOnce(int selects) throws Exception {
        int perSender = 100_000, total = 2 * perSender;
        Channel<Integer> a = Channel.make(), b = Channel.make();
        Channel<Void> quit = Channel.make();
        AtomicIntegerArray seen = new AtomicIntegerArray(total);
        AtomicLong taken = new AtomicLong();
        WaitGroup receivers = new WaitGroup();
        for (int r = 0; r < selects; r++) {
            receivers.go(() -> {
                boolean[] stop = {false};
                while (!stop[0]) {
                    Select.select()
                            .receive(a, v -> {
                                seen.incrementAndGet(v);
                                taken.incrementAndGet();
                            })
                            .receive(b, v -> {
                                seen.incrementAndGet(v);
                                taken.incrementAndGet();
                            })
                            .receiveOrClosed(quit, v -> stop[0] = true)
                            .run();
                }
            });
        }
        WaitGroup senders = new WaitGroup();
        for (Channel<Integer> ch : List.of(a, b)) {
            int base = ch == a ? 0 : perSender;
            senders.go(() -> {
                for (int i = 0; i < perSender; i++) {
                    ch.send(base + i);
                }
            });
        }
        senders.await(); // every send returned: every element was taken, and its select's handler runs next
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> taken.get() >= total);
        quit.close();
        receivers.await();
        for (int i = 0; i < total; i++) {
            if (seen.get(i) != 1) {
                throw new AssertionError("element " + i + " taken " + seen.get(i) + " times");
            }
        }
    }
}
