package io.chanflow.examples.bridges;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chanflow.test.CheckGoroutineLeaks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs each bridge program and checks what it prints; no test may leave a goroutine running. */
@CheckGoroutineLeaks
class BridgesExamplesTest {

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

    @Test
    void channelToFluxMapsFiltersAndStopsTheEndlessProducer() throws Exception {
        assertEquals(List.of("even squares: [4, 16, 36, 64, 100]", "first three: [1, 2, 3]"),
                output(ChannelToFlux::run));
    }

    @Test
    void flowableToChannelSquaresEveryElementOnce() throws Exception {
        assertEquals(List.of("squares: [1, 4, 9, 16, 25, 36, 49, 64, 81, 100]", "sum: 385"),
                output(FlowableToChannel::run));
    }

    @Test
    void flowInteropCrossesBothWays() throws Exception {
        assertEquals(List.of("received by the Flow.Subscriber: [item-1, item-2, item-3, item-4, item-5]",
                "received on the channel: 10 items, sum 55"), output(FlowInterop::run));
    }
}
