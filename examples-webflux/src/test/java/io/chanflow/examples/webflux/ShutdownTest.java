package io.chanflow.examples.webflux;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Goroutines;
import io.chanflow.test.GoroutineLeakCheck;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stopping the server cancels its base context: open event streams end at once, cleanly, with their goroutines. */
class ShutdownTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @RegisterExtension
    static final GoroutineLeakCheck LEAKS = GoroutineLeakCheck.within(Duration.ofSeconds(5));

    private TestServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void stoppingTheServerEndsEndlessStreamsCleanly() throws Exception {
        server = TestServer.start();
        EventStats stats = server.bean(EventStats.class);
        HttpRequest request = HttpRequest.newBuilder(server.uri("/events?from=7&every=20")).timeout(PATIENCE).build();
        HttpResponse<InputStream> response = server.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (SseStream sse = new SseStream(response.body())) {
            assertEquals("7", sse.next(1).get(0).data());

            long started = System.nanoTime();
            server.stopServer(); // without the base context, graceful shutdown would wait 30 s for this stream
            long stopMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(stopMillis < 5_000, "stopping took " + stopMillis + " ms");

            List<SseStream.Event> rest = sse.rest(); // the end of a completed response, not a broken connection
            assertTrue(rest.size() < 1_000, rest.size() + " more events");
        }
        assertEquals(1, stats.cancelledCount(), "the producer's wait or send threw the cancellation");
        await().atMost(PATIENCE).until(() -> Goroutines.live().isEmpty());
    }
}
