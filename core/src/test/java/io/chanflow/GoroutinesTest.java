package io.chanflow;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.GoroutineInfo.State;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The goroutine dump: states in Go's words, the channel parked on, stacks, and the text form. */
class GoroutinesTest {

    @AfterEach
    void noLeak() {
        Spawned.assertNoGoroutineLeft();
    }

    /** Waits until the goroutine named {@code name} is listed in {@code state}, and returns that snapshot. */
    private static GoroutineInfo awaitState(String name, State state) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                .until(() -> find(name), g -> g.isPresent() && g.get().state() == state).orElseThrow();
    }

    private static Optional<GoroutineInfo> find(String name) {
        return Goroutines.live().stream().filter(g -> g.name().equals(name)).findFirst();
    }

    private static boolean hasFrame(GoroutineInfo g, String method) {
        return Arrays.stream(g.stackTrace()).anyMatch(e -> e.getMethodName().equals(method));
    }

    @Test
    void receiverParkedOnAChannelIsInChanReceiveAndNamesTheChannel() throws Exception {
        Channel<String> ch = Channel.make();
        Thread t = Go.go("receiver", () -> ch.receive());
        GoroutineInfo g = awaitState("receiver", State.CHAN_RECEIVE);
        assertEquals(Optional.of(ch.toString()), g.channel());
        assertTrue(g.state().isChannelWait());
        assertTrue(hasFrame(g, "receive"), () -> Arrays.toString(g.stackTrace()));
        ch.send("x");
        t.join();
        assertTrue(find("receiver").isEmpty());
    }

    @Test
    void senderParkedOnAFullChannelIsInChanSend() throws Exception {
        Channel<String> ch = Channel.make(1);
        ch.send("fills the buffer");
        Thread t = Go.go("sender", () -> ch.send("blocks"));
        GoroutineInfo g = awaitState("sender", State.CHAN_SEND);
        assertEquals(Optional.of(ch.toString()), g.channel());
        assertTrue(g.channel().orElseThrow().contains("cap 1"));
        assertTrue(hasFrame(g, "send"), () -> Arrays.toString(g.stackTrace()));
        ch.receive();
        ch.receive();
        t.join();
    }

    @Test
    void parkedSelectIsInSelectWithoutAChannel() throws Exception {
        Channel<String> a = Channel.make();
        Channel<String> b = Channel.make();
        Thread t = Go.go("selecting", () -> Select.select().receive(a, v -> { }).receive(b, v -> { }).run());
        GoroutineInfo g = awaitState("selecting", State.SELECT);
        assertEquals(Optional.empty(), g.channel());
        assertTrue(hasFrame(g, "run"), () -> Arrays.toString(g.stackTrace()));
        b.send("wake");
        t.join();
    }

    @Test
    void selectOnNilChannelsOnlyIsSelectNoCases() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread t = Go.go("forever", () -> {
            try {
                Select.select().receive(Channel.nil(), v -> { }).run();
            } catch (InterruptedException expected) {
                interrupted.set(true);
            }
        });
        GoroutineInfo g = awaitState("forever", State.SELECT_NO_CASES);
        assertEquals("select (no cases)", g.state().label());
        t.interrupt();
        t.join();
        assertTrue(interrupted.get());
    }

    @Test
    void waitsOutsideChanflowAreReportedFromTheThreadState() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean spin = new AtomicBoolean(true);
        Thread waiting = Go.go("latch", () -> release.await());
        Thread timedWaiter = Go.go("timed", () -> release.await(1, TimeUnit.MINUTES));
        Thread running = Go.go("spinner", () -> {
            while (spin.get()) {
                Thread.onSpinWait();
            }
        });
        assertEquals(State.WAITING, awaitState("latch", State.WAITING).state());
        assertEquals(State.SLEEP, awaitState("timed", State.SLEEP).state());
        GoroutineInfo r = awaitState("spinner", State.RUNNING);
        assertEquals(Optional.empty(), r.channel());
        assertTrue(!r.state().isChannelWait());
        release.countDown();
        spin.set(false);
        waiting.join();
        timedWaiter.join();
        running.join();
    }

    @Test
    void liveIsInStartOrderAndUnmodifiable() throws Exception {
        Channel<String> ch = Channel.make();
        Thread first = Go.go("first", () -> ch.receive());
        Thread second = Go.go("second", () -> ch.receive());
        awaitState("first", State.CHAN_RECEIVE);
        awaitState("second", State.CHAN_RECEIVE);
        List<GoroutineInfo> live = Goroutines.live();
        List<String> names = live.stream().map(GoroutineInfo::name).filter(n -> n.equals("first") || n.equals("second")).toList();
        assertEquals(List.of("first", "second"), names);
        for (int i = 1; i < live.size(); i++) {
            assertTrue(live.get(i - 1).id() < live.get(i).id());
        }
        assertThrows(UnsupportedOperationException.class, () -> live.remove(0));
        ch.send("one");
        ch.send("two");
        first.join();
        second.join();
    }

    @Test
    void stackTraceIsACopy() throws Exception {
        Channel<String> ch = Channel.make();
        Thread t = Go.go("copied", () -> ch.receive());
        GoroutineInfo g = awaitState("copied", State.CHAN_RECEIVE);
        StackTraceElement[] one = g.stackTrace();
        assertTrue(one.length > 0);
        one[0] = null;
        assertNotSame(one, g.stackTrace());
        assertTrue(g.stackTrace()[0] != null);
        assertArrayEquals(g.stackTrace(), g.stackTrace());
        ch.send("x");
        t.join();
    }

    @Test
    void dumpPrintsGoStyleBlocks() throws Exception {
        Channel<String> ch = Channel.make();
        Thread unnamed = Go.go(() -> ch.receive());
        Thread named = Go.go("worker", () -> ch.receive());
        GoroutineInfo w = awaitState("worker", State.CHAN_RECEIVE);
        GoroutineInfo u = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                .until(() -> Goroutines.live().stream().filter(g -> g.id() == w.id() - 1).findFirst(),
                        g -> g.isPresent() && g.get().state() == State.CHAN_RECEIVE).orElseThrow();
        String dump = Goroutines.dump();
        assertTrue(dump.contains("goroutine " + w.id() + " [chan receive]: \"worker\" on " + ch + "\n"), dump);
        assertTrue(dump.contains("goroutine " + u.id() + " [chan receive]: on " + ch + "\n"), dump);
        assertTrue(dump.contains("\n\tio.chanflow.Chan."), dump);
        assertTrue(dump.contains("\n\ngoroutine "), dump); // blocks apart by a blank line
        String one = w.toString();
        assertTrue(one.startsWith("goroutine " + w.id() + " [chan receive]:"), one);
        assertEquals(w.stackTrace().length + 1, one.lines().count(), one);
        ch.send("one");
        ch.send("two");
        unnamed.join();
        named.join();
        assertEquals("", Goroutines.dump());
    }
}
