package io.chanflow.examples.webflux;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Goroutines;
import io.chanflow.test.GoroutineLeakCheck;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** {@code POST /squares} over real HTTP: a streamed body fanned out to worker goroutines, every line answered once. */
class SquaresEndpointTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Pattern ANSWER = Pattern.compile("(\\S+) -> (.+) \\(worker (\\d+)\\)");

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
    void everyLineIsAnsweredExactlyOnce() throws Exception {
        int n = 20_000;
        String body = LongStream.rangeClosed(1, n).mapToObj(Long::toString).collect(Collectors.joining("\n"))
                + "\n\nnot-a-number\n   \n4294967296\n" + (n + 1); // a blank line, junk, an overflow, no last "\n"
        HttpResponse<InputStream> response = post("/squares?workers=8", streamed(body));
        assertEquals(200, response.statusCode());

        Map<String, List<String>> answers = new HashMap<>();
        Set<String> workers = new HashSet<>();
        for (String line : lines(response.body())) {
            Matcher m = ANSWER.matcher(line);
            assertTrue(m.matches(), "not an answer: " + line);
            answers.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
            workers.add(m.group(3));
        }

        assertEquals(n + 3, answers.size(), "distinct lines answered");
        for (long i = 1; i <= n + 1; i++) {
            assertEquals(List.of(Long.toString(i * i)), answers.get(Long.toString(i)), "answers for " + i);
        }
        assertEquals(List.of("not a number"), answers.get("not-a-number"));
        assertEquals(List.of("too large"), answers.get("4294967296"));
        assertTrue(workers.stream().allMatch(w -> Integer.parseInt(w) >= 1 && Integer.parseInt(w) <= 8), workers.toString());
        System.out.printf("%d lines answered by %d of 8 workers%n", n + 3, workers.size());

        await().atMost(PATIENCE).until(() -> Goroutines.live().isEmpty());
    }

    @Test
    void aClientThatLeavesMidwayStopsTheWorkers() {
        // An endless body. The JDK client hands over an HTTP/1.1 response only once it has sent the whole request
        // body, so this test uses WebClient (Reactor Netty's client), which reads the answers while it sends.
        AtomicInteger busiest = new AtomicInteger();
        Flux<String> endless = Flux.generate(() -> 0L, (n, sink) -> {
            sink.next(n + "\n");
            return n + 1;
        });
        List<String> firstAnswers = WebClient.create(server.uri("").toString())
                .post().uri("/squares?workers=4")
                .contentType(MediaType.TEXT_PLAIN)
                .body(endless, String.class)
                .retrieve()
                .bodyToFlux(String.class)
                .doOnNext(answer -> busiest.accumulateAndGet(ownGoroutines(), Math::max))
                .take(5) // then cancels: the connection is closed, the request and the response both cut short
                .collectList()
                .block(PATIENCE);
        assertEquals(5, firstAnswers.size());
        firstAnswers.forEach(answer -> assertTrue(ANSWER.matcher(answer).matches(), answer));
        assertEquals(5, busiest.get(), "the body's goroutine and its 4 workers, while answers arrived");

        // The workers' sends throw the cancellation, the jobs channel fails with it, wg.await() returns.
        await().atMost(PATIENCE).until(() -> Goroutines.live().isEmpty());
    }

    @Test
    void badWorkerCountsAreRejected() throws Exception {
        for (String query : List.of("workers=0", "workers=" + (SquaresController.MAX_WORKERS + 1), "workers=x")) {
            HttpResponse<InputStream> response = post("/squares?" + query, streamed("1\n"));
            response.body().close();
            assertEquals(400, response.statusCode(), query);
        }
    }

    /** How many live goroutines run code of {@link SquaresController}: a body and its workers. */
    private static int ownGoroutines() {
        return (int) Goroutines.live().stream()
                .filter(g -> Arrays.stream(g.stackTrace())
                        .anyMatch(f -> f.getClassName().equals(SquaresController.class.getName())))
                .count();
    }

    /** A body without a length: sent in chunks, read by the server as it arrives. */
    private static HttpRequest.BodyPublisher streamed(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    }

    private static HttpResponse<InputStream> post(String pathAndQuery, HttpRequest.BodyPublisher body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri(pathAndQuery))
                .header("Content-Type", "text/plain")
                .timeout(PATIENCE)
                .POST(body)
                .build();
        return server.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    private static List<String> lines(InputStream body) throws Exception {
        try (BufferedReader reader = reader(body)) {
            return reader.lines().toList();
        }
    }

    private static BufferedReader reader(InputStream body) {
        return new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }
}
