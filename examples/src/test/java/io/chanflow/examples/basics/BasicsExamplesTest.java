package io.chanflow.examples.basics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chanflow.test.CheckGoroutineLeaks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs every basics program and checks what it prints, line by line; the leak check fails a program that leaves a
 * goroutine running.
 */
@CheckGoroutineLeaks
@Timeout(30)
class BasicsExamplesTest {

    interface Program {
        void run(PrintStream out) throws Exception;
    }

    static List<String> output(Program p) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            p.run(out);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void sayHelloPrintsOnlyTheDeterministicLines() throws Exception {
        assertEquals(List.of("hello", "world", "after wait: both said"), output(SayHello::run));
    }

    @Test
    void manyGoroutinesAllRun() throws Exception {
        assertEquals(List.of("goroutines started: 100000", "goroutines ran: 100000"), output(ManyGoroutines::run));
    }

    @Test
    void unbufferedChannelHandsOverAndSignalsDone() throws Exception {
        assertEquals(List.of("10", "worker: working", "worker: done", "main: worker finished"),
                output(UnbufferedSync::run));
    }

    @Test
    void bufferedChannelIsAFifoQueue() throws Exception {
        assertEquals(List.of(
                "len=3 cap=3",
                "room for a 4th? false",
                "received 1",
                "len=2 cap=3",
                "received 2",
                "received 3",
                "len=0 cap=3"), output(BufferedQueue::run));
    }

    @Test
    void rangeEndsAtCloseAndOkTurnsFalse() throws Exception {
        assertEquals(List.of(
                "range got 1",
                "range got 2",
                "range got 3",
                "range ended: channel closed",
                "ok=true v=a",
                "ok=false (closed)"), output(CloseAndRange::run));
    }

    @Test
    void selectWithDefaultNeverBlocks() throws Exception {
        assertEquals(List.of("nothing ready", "received 7", "sent", "ch2 now holds 10"), output(SelectDefault::run));
    }

    @Test
    void selectTimesOutOnlyWhenNoResultComes() throws Exception {
        assertEquals(List.of("result", "timeout"), output(SelectTimeout::run));
    }

    @Test
    void mutexLosesNoIncrement() throws Exception {
        assertEquals(List.of("expected 100000", "count    100000"), output(MutexCounter::run));
    }

    @Test
    void rwMutexCacheServesEveryRead() throws Exception {
        assertEquals(List.of("lookups 8000", "misses  0", "version 10"), output(RWMutexCache::run));
    }

    @Test
    void onceLoadsTheConfigOnceForAll() throws Exception {
        assertEquals(List.of("goroutines that saw the config: 50", "times the config was loaded:    1"),
                output(OnceConfig::run));
    }

    @Test
    void condBufferKeepsOrderAndBound() throws Exception {
        assertEquals(List.of("took 100 items, sum 5050, in order: true", "never held more than 2: true"),
                output(CondBoundedBuffer::run));
    }
}
