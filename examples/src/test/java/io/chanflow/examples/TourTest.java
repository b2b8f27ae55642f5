package io.chanflow.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.test.CheckGoroutineLeaks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo runs every example once, each under its heading, and leaves no goroutine behind. */
@CheckGoroutineLeaks
class TourTest {

    @Test
    void everyStopRunsUnderItsHeading() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Tour.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> headings = bytes.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("== ")).toList();
        assertEquals(Tour.STOPS.size() + 1, headings.size());
        for (int i = 0; i < Tour.STOPS.size(); i++) {
            assertEquals("== " + Tour.STOPS.get(i).heading() + " ==", headings.get(i));
        }
        assertEquals("== done: " + Tour.STOPS.size() + " examples ==", headings.get(Tour.STOPS.size()));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("hello"));
    }
}
