package io.chanflow.examples.webflux;

import io.chanflow.Goroutines;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What is running, for a human with curl: {@code GET /goroutines} is {@link Goroutines#dump()} (every live
 * goroutine, Go-style, with its state such as {@code chan send} and its stack; empty when none is live), and
 * {@code GET /stats} the {@code /events} producers' counters as JSON ({@link EventStats.Snapshot}).
 *
 * <p>Both are snapshots taken on a Netty event-loop thread: cheap enough for a look, not for polling in a loop
 * ({@link Goroutines#live()} takes every goroutine's stack).
 */
@RestController
final class DiagnosticsController {
    private final EventStats stats;

    DiagnosticsController(EventStats stats) {
        this.stats = stats;
    }

    @GetMapping(path = "/goroutines", produces = MediaType.TEXT_PLAIN_VALUE)
    String goroutines() {
        return Goroutines.dump();
    }

    @GetMapping(path = "/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    EventStats.Snapshot stats() {
        return stats.snapshot();
    }
}
