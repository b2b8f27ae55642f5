package io.chanflow.test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.Select;
import io.chanflow.time.Time;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension run on small test classes through the JUnit Platform test kit. The classes below are nested, so
 * Surefire does not run them on their own (it skips classes with a {@code $} in their name).
 */
class GoroutineLeakCheckTest {

    /** Channels the cases below leave goroutines parked on; closed after each test here so nothing leaks on. */
    static Channel<String> parked = Channel.make();
    static Channel<String> parkedSend = Channel.make();

    @AfterEach
    void releaseTheCases() {
        parked.close();
        parkedSend.close();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> Go.numGoroutine() == 0);
        parked = Channel.make();
        parkedSend = Channel.make();
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    private static String failureMessage(Events events) {
        List<Event> failed = events.failed().list();
        assertEquals(1, failed.size(), () -> "expected one failed test: " + events.list());
        Throwable t = failed.get(0).getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                .getThrowable().orElseThrow();
        assertTrue(t instanceof AssertionError, () -> "not an assertion failure: " + t);
        return t.getMessage();
    }

    /** A receive that parks until a value arrives or the channel is closed, and does not throw on closing. */
    private static void receiveQuietly(Channel<String> ch) throws InterruptedException {
        ch.receiveOrClosed();
    }

    // ---- cases -----------------------------------------------------------------------------------------------

    @CheckGoroutineLeaks
    static class LeakingReceiver {
        @Test
        void leaks() {
            Channel<String> ch = parked;
            Go.go("leaky", () -> receiveQuietly(ch));
        }
    }

    @ExtendWith(GoroutineLeakCheck.class)
    static class LeakingSenderAndSelect {
        @Test
        void leaks() {
            Channel<String> send = parkedSend;
            Channel<String> recv = parked;
            Go.go("stuck-sender", () -> {
                try {
                    send.send("nobody listens");
                } catch (io.chanflow.ChannelClosedException released) {
                    // closed by the outer test to end this goroutine
                }
            });
            Go.go("stuck-select", () -> Select.select().receiveOrClosed(recv, r -> { }).run());
        }
    }

    @CheckGoroutineLeaks
    static class Clean {
        @Test
        void joinsItsGoroutine() throws InterruptedException {
            Channel<String> ch = Channel.make();
            Thread t = Go.go(() -> ch.send("done"));
            assertEquals("done", ch.receive());
            t.join();
        }
    }

    static final AtomicBoolean ALIVE_AT_END = new AtomicBoolean();

    /** Its goroutine is still waiting for a 100 ms timer when the test returns. */
    static class EndsSoonAfter {
        static Thread late;

        @Test
        void leavesAGoroutineThatEndsWithinTheWindow() {
            late = Go.go("late", () -> Time.after(Duration.ofMillis(100)).receive());
            ALIVE_AT_END.set(late.isAlive());
        }
    }

    @CheckGoroutineLeaks
    static class EndsSoonAfterDefaultWindow extends EndsSoonAfter {
    }

    static class EndsSoonAfterNoWindow {
        @RegisterExtension
        static GoroutineLeakCheck leaks = GoroutineLeakCheck.within(Duration.ZERO);

        /** Closed by the outer test once it has checked the result: the goroutine outlives the check for sure. */
        static final Channel<String> release = Channel.make();

        @Test
        void leavesAGoroutineThatEndsWithinTheWindow() {
            Thread late = Go.go("late", () -> receiveQuietly(release));
            ALIVE_AT_END.set(late.isAlive());
        }
    }

    @CheckGoroutineLeaks
    static class StartedBeforeTheTest {
        @BeforeAll
        static void startEarly() {
            Channel<String> ch = parked;
            Go.go("early", () -> receiveQuietly(ch));
        }

        @Test
        void doesNothing() {
        }
    }

    // ---- tests -----------------------------------------------------------------------------------------------

    @Test
    void aLeakedReceiverFailsTheTestNamingItsStateChannelAndStack() {
        String m = failureMessage(run(LeakingReceiver.class));
        assertTrue(m.startsWith("1 goroutine started by this test is still alive 500 ms after it ended:\n\n"), m);
        assertTrue(m.matches("(?s).*goroutine \\d+ \\[chan receive\\]: \"leaky\" on chan#\\d+\\(cap 0\\)\n.*"), m);
        assertTrue(m.contains(parked.toString()), m);
        assertTrue(m.contains("receiveQuietly"), m);
        assertTrue(m.contains("LeakingReceiver"), m);
    }

    @Test
    void leakedSendersAndSelectsAreNamedToo() {
        String m = failureMessage(run(LeakingSenderAndSelect.class));
        assertTrue(m.startsWith("2 goroutines started by this test are still alive"), m);
        assertTrue(m.contains("[chan send]: \"stuck-sender\" on " + parkedSend), m);
        assertTrue(m.contains("[select]: \"stuck-select\"\n"), m);
    }

    @Test
    void aTestThatEndsItsGoroutinesPasses() {
        Events events = run(Clean.class);
        events.assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    }

    @Test
    void aGoroutineEndingWithinTheBackoffWindowPasses() {
        run(EndsSoonAfterDefaultWindow.class).assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        assertTrue(ALIVE_AT_END.get(), "the goroutine had already ended when the test returned: proves nothing");
    }

    @Test
    void theSameGoroutineFailsWithoutAWindow() {
        String m;
        try {
            m = failureMessage(run(EndsSoonAfterNoWindow.class));
        } finally {
            EndsSoonAfterNoWindow.release.close(); // let the goroutine end, whatever the outcome
        }
        assertTrue(m.contains("still alive 0 ms after it ended"), m);
        assertTrue(m.contains("\"late\""), m);
        assertTrue(ALIVE_AT_END.get());
    }

    @Test
    void goroutinesStartedBeforeTheTestAreIgnored() {
        run(StartedBeforeTheTest.class).assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        assertEquals(1, Go.numGoroutine(), "the early goroutine should still be parked");
    }

    @Test
    void aNegativeWindowIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GoroutineLeakCheck.within(Duration.ofMillis(-1)));
        assertTrue(e.getMessage().contains("must not be negative"), e.getMessage());
    }
}
