package io.chanflow.examples.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.chanflow.ReceiveChannel;
import io.chanflow.test.CheckGoroutineLeaks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Runs each pattern program and checks what it prints; no test may leave a goroutine running. */
@CheckGoroutineLeaks
class PatternsExamplesTest {

    interface Program {
        void run(PrintStream out) throws Exception;
    }

    static List<String> output(Program program) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            program.run(out);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }

    @Test
    void workerPoolDoublesEveryJobOnce() throws Exception {
        assertEquals(List.of("0", "2", "4", "6", "8"), sorted(output(WorkerPool::run)));
    }

    @Test
    void fanOutFanInHandlesEveryJobOnceAndEnds() throws Exception {
        List<String> lines = output(FanOutFanIn::run);
        assertEquals("results: 6", lines.get(lines.size() - 1));
        List<String> results = lines.subList(0, lines.size() - 1).stream()
                .map(l -> l.replaceFirst("^worker [123]: ", "")).sorted().toList();
        assertEquals(List.of("1 -> 2", "2 -> 4", "3 -> 6", "4 -> 8", "5 -> 10", "6 -> 12"), results);
    }

    @Test
    void pipelineSquaresInOrder() throws Exception {
        assertEquals(List.of("1", "4", "9", "16", "16", "81"), output(Pipeline::run));
    }

    @Test
    void cancelWithContextStopsTheGenerator() throws Exception {
        assertEquals(List.of("1", "2", "3", "4", "5", "cancelled: context canceled"), output(CancelWithContext::run));
    }

    @Test
    void cancelWithTimeoutGivesUpAtTheDeadline() throws Exception {
        assertEquals(List.of("timed out: context deadline exceeded"), output(CancelWithTimeout::run));
    }

    @Test
    void checklistProgramMatchesTheSequentialAnswer() throws Exception {
        assertEquals(List.of("sequential: 48", "failure: none", "concurrent: 48"), output(Checklist::run));
    }

    @Test
    void goroutineLeakProgramReleasesItsLeak() throws Exception {
        assertEquals(List.of(
                "fixed: the result waits in the buffer; the worker has returned",
                "leaky: the worker is parked on its send",
                "leaky: ...until someone receives 42"), output(GoroutineLeak::run));
    }

    // ---- the leak check catches leaky() and passes fixed() --------------------------------------------------

    /** The channel the leaky worker of the last {@link CallsLeaky} run is parked on. */
    static volatile ReceiveChannel<Integer> leaked;

    /** Nested, so Surefire does not run it on its own; run below through the test kit. */
    @CheckGoroutineLeaks
    static class CallsLeaky {
        @Test
        void callsLeaky() {
            leaked = GoroutineLeak.leaky();
        }
    }

    @CheckGoroutineLeaks
    static class CallsFixed {
        @Test
        void callsFixed() {
            GoroutineLeak.fixed();
        }
    }

    private static Events runWithTestKit(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    @Test
    void theLeakCheckCatchesTheLeakyVersionNamingTheWorker() throws Exception {
        leaked = null;
        Events events = runWithTestKit(CallsLeaky.class);
        try {
            List<Event> failed = events.failed().list();
            assertEquals(1, failed.size(), () -> "expected the leaky test to fail: " + events.list());
            Throwable t = failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            String m = t.getMessage();
            assertTrue(t instanceof AssertionError, () -> "not an assertion failure: " + t);
            assertTrue(m.startsWith("1 goroutine started by this test is still alive"), m);
            assertTrue(m.contains("[chan send]: \"" + GoroutineLeak.LEAKY_NAME + "\""), m);
        } finally {
            assertEquals(42, leaked.receive());                // unblock the leaked worker so it ends
        }
    }

    @Test
    void theLeakCheckPassesTheFixedVersion() {
        Events events = runWithTestKit(CallsFixed.class);
        assertEquals(1, events.succeeded().count(), () -> "expected the fixed test to pass: " + events.list());
        assertEquals(0, events.failed().count());
    }
}
