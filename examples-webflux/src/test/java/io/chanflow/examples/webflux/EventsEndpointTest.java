package io.chanflow.examples.webflux;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.GoroutineInfo;
import io.chanflow.Goroutines;
import io.chanflow.test.GoroutineLeakCheck;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /events} over real HTTP: exact values, disconnect, backpressure from a client that stops reading. */
class EventsEndpointTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @RegisterExtension
    static final GoroutineLeakCheck LEAKS = GoroutineLeakCheck.within(Duration.ofSeconds(5));

    private static TestServer server;
    private static EventStats stats;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        stats = server.bean(EventStats.class);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void countedStreamSendsExactlyThoseEventsAndCompletes() throws Exception {
        HttpResponse<InputStream> response = get("/events?from=40&count=5");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
                response.headers().toString());

        List<SseStream.Event> events;
        try (SseStream sse = new SseStream(response.body())) {
            events = sse.rest(); // returns only because the producer's return completed the response
        }
        assertEquals(List.of(event(40), event(41), event(42), event(43), event(44)), events);
        await().atMost(PATIENCE).until(() -> Goroutines.live().isEmpty() && stats.running() == 0);
    }

    @Test
    void disconnectCancelsTheProducersContext() throws Exception {
        long cancelledBefore = stats.cancelledCount();
        HttpResponse<InputStream> response = get("/events?from=1000"); // no count: endless
        try (SseStream sse = new SseStream(response.body())) {
            assertEquals(LongStream.range(1000, 1010).mapToObj(EventsEndpointTest::event).toList(), sse.next(10));
            assertEquals(1, stats.running());
        } // closing the body drops the connection: the server cancels the response's subscription

        // The producer's blocked (or next) send threw the context's CancellationException, and it returned.
        await().atMost(PATIENCE).until(() -> stats.cancelledCount() == cancelledBefore + 1);
        await().atMost(PATIENCE).until(() -> Goroutines.live().isEmpty());
        assertEquals(0, stats.running());
    }

    @Test
    void clientThatStopsReadingParksTheProducerInChanSend() throws Exception {
        int pad = 16 * 1024; // 16 KiB events: the socket buffers fill after a few hundred of them
        long cancelledBefore = stats.cancelledCount();
        long sentBefore = stats.sentCount();
        HttpResponse<InputStream> response = get("/events?from=0&pad=" + pad);
        try (SseStream sse = new SseStream(response.body())) {
            List<SseStream.Event> first = sse.next(3);
            assertEquals("0", first.get(0).id());
            assertEquals(pad + 2, first.get(2).data().length()); // "2", a space, the filler

            // The client now reads nothing more but stays connected. The producer must end up parked in its send,
            // and stay there: over half a second of polls, always in `chan send`, the count never moving.
            long[] lastSent = {-1};
            await().atMost(PATIENCE).during(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        long sent = stats.sentCount() - sentBefore;
                        boolean still = sent == lastSent[0];
                        lastSent[0] = sent;
                        return still && producer().map(g -> g.state() == GoroutineInfo.State.CHAN_SEND)
                                .orElse(false);
                    });
            long sent = stats.sentCount() - sentBefore;
            long eventBytes = pad + 20; // "id:N\ndata:N <pad>\n\n"
            System.out.printf("slow client: the producer stopped after %d events (%d KiB)%n",
                    sent, sent * eventBytes / 1024);
            // What the buffers between the producer and the client can hold: the kernel's socket buffers on both
            // ends (a few MiB on loopback; 64 MiB is far above any default), Netty's outbound buffer, and a few
            // hundred elements in the prefetch queues of Spring's and Netty's operators. An unbounded producer
            // would have made millions of events (tens of GiB) in the time this test waited.
            long bound = (64L << 20) / eventBytes + 1_024;
            assertTrue(sent < bound, "the producer ran ahead of the client: " + sent + " events, bound " + bound);
            assertEquals(1, stats.running());
        }

        await().atMost(PATIENCE).until(() -> stats.cancelledCount() == cancelledBefore + 1);
        await().atMost(PATIENCE).until(() -> Goroutines.live().isEmpty());
    }

    @Test
    void badParametersAreRejected() throws Exception {
        for (String query : List.of("count=-1", "pad=-1", "pad=" + (EventsController.MAX_PAD + 1), "every=-5",
                "from=x")) {
            HttpResponse<InputStream> response = get("/events?" + query);
            response.body().close();
            assertEquals(400, response.statusCode(), query);
        }
        assertEquals(0, stats.running());
    }

    private static HttpResponse<InputStream> get(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri(pathAndQuery))
                .header("Accept", "text/event-stream")
                .timeout(PATIENCE) // until the response headers
                .build();
        return server.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The live goroutine running an {@code /events} producer body, if there is one. */
    private static Optional<GoroutineInfo> producer() {
        return Goroutines.live().stream()
                .filter(g -> Arrays.stream(g.stackTrace())
                        .anyMatch(f -> f.getClassName().equals(EventsController.class.getName())))
                .findFirst();
    }

    private static SseStream.Event event(long n) {
        return new SseStream.Event(Long.toString(n), Long.toString(n));
    }
}
