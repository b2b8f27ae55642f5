package io.chanflow.examples.webflux;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chanflow.Goroutines;
import io.chanflow.test.GoroutineLeakCheck;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 200 concurrent SSE clients, each on its own connection and its own producer goroutine. */
class ManyClientsTest {
    private static final int CLIENTS = 200;
    private static final int EVENTS = 100;
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    static final GoroutineLeakCheck LEAKS = GoroutineLeakCheck.within(Duration.ofSeconds(5));

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyClientGetsExactlyItsOwnSequence() throws Exception {
        EventStats stats = server.bean(EventStats.class);
        long sentBefore = stats.sentCount();
        List<Future<List<SseStream.Event>>> results = new ArrayList<>(CLIENTS);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                long from = c * 1_000_000L;
                results.add(clients.submit(() -> read("/events?from=" + from + "&count=" + EVENTS)));
            }
        } // waits for every client

        for (int c = 0; c < CLIENTS; c++) {
            long from = c * 1_000_000L;
            List<SseStream.Event> expected = LongStream.range(from, from + EVENTS)
                    .mapToObj(n -> new SseStream.Event(Long.toString(n), Long.toString(n))).toList();
            assertEquals(expected, results.get(c).get(), "client " + c);
        }
        assertEquals((long) CLIENTS * EVENTS, stats.sentCount() - sentBefore);
        await().atMost(PATIENCE).until(() -> Goroutines.live().isEmpty() && stats.running() == 0);
    }

    private static List<SseStream.Event> read(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri(pathAndQuery)).timeout(PATIENCE).build();
        HttpResponse<InputStream> response = server.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (SseStream sse = new SseStream(response.body())) {
            return sse.rest();
        }
    }
}
