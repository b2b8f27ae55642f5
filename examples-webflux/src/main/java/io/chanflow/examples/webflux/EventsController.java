package io.chanflow.examples.webflux;

import io.chanflow.flow.Producer;
import io.chanflow.reactor.ReactorChannels;
import io.chanflow.time.Ticker;
import io.chanflow.time.Time;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;

/**
 * {@code GET /events}: Server-Sent Events produced by a goroutine, one per request.
 *
 * <pre>
 * GET /events?from=A&amp;count=N&amp;pad=P&amp;every=MS
 *
 * id:A
 * data:A
 *
 * id:A+1
 * data:A+1
 * ...
 * </pre>
 *
 * <ul>
 *   <li>{@code from} (default 0): the first number;</li>
 *   <li>{@code count} (default: none): how many events; without it the stream goes on until the client
 *       disconnects (or the server stops);</li>
 *   <li>{@code pad} (default 0, at most {@value #MAX_PAD}): appends a space and that many filler characters to each
 *       event's data, to make events large (the tests use it to fill socket buffers quickly);</li>
 *   <li>{@code every} (milliseconds, default 0): the pause before each event; 0 sends as fast as the client
 *       reads.</li>
 * </ul>
 * A negative {@code count}, {@code pad} or {@code every}, or a {@code pad} above the limit, is answered
 * {@code 400 Bad Request}. When the server stops, an open stream ends (cleanly: the response completes).
 *
 * <p>The producer is the plain loop of {@link #numbers}, run by {@code ReactorChannels.flux}: its {@code out.send}
 * blocks until the HTTP response asks for the next event (capacity 0), and throws the context's
 * {@link CancellationException} once the client has gone.
 */
@RestController
final class EventsController {
    /** The largest {@code pad}: 1 MiB of filler per event is plenty to fill buffers, and bounds what one asks for. */
    static final int MAX_PAD = 1 << 20;

    private final ServerContext server;
    private final EventStats stats;

    EventsController(ServerContext server, EventStats stats) {
        this.server = server;
        this.stats = stats;
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> events(@RequestParam(name = "from", defaultValue = "0") long from,
                                         @RequestParam(name = "count", required = false) Long count,
                                         @RequestParam(name = "pad", defaultValue = "0") int pad,
                                         @RequestParam(name = "every", defaultValue = "0") long everyMillis) {
        if (count != null && count < 0) {
            throw badRequest("count must not be negative: " + count);
        }
        if (pad < 0 || pad > MAX_PAD) {
            throw badRequest("pad must be between 0 and " + MAX_PAD + ": " + pad);
        }
        if (everyMillis < 0) {
            throw badRequest("every must not be negative: " + everyMillis);
        }
        String padding = pad == 0 ? "" : " " + ".".repeat(pad);
        // Capacity 0: the producer is never ahead of the response's demand. The assembly costs nothing: the body
        // starts in its goroutine when WebFlux subscribes, once per request.
        return ReactorChannels.flux(server.context(), 0,
                        numbers(from, count == null ? -1 : count, Duration.ofMillis(everyMillis)))
                .map(n -> ServerSentEvent.builder(n + padding).id(Long.toString(n)).build())
                // The only CancellationException signalled is the server context's (a client's cancel signals
                // nothing): the server is stopping, and the stream ends cleanly rather than as a failed response.
                .onErrorComplete(CancellationException.class);
    }

    /**
     * The producer body: sends {@code from}, {@code from + 1}, ... ({@code count} of them, or without end if
     * {@code count} is negative), waiting {@code every} before each. A blocked {@code send}, or the wait, throws the
     * context's {@link CancellationException} once the request is over; it is counted and let through, so the
     * bridge sees the cancellation it caused rather than a failure.
     */
    private Producer<Long> numbers(long from, long count, Duration every) {
        return (ctx, out) -> {
            stats.started();
            Ticker ticker = every.isZero() ? null : Time.newTicker(every);
            try {
                for (long i = 0; count < 0 || i < count; i++) {
                    if (ticker != null) {
                        ticker.c().receive(ctx); // select { case <-ticker.C: case <-ctx.Done(): return ctx.Err() }
                    }
                    out.send(from + i);          // parks in `chan send` until the response asks for it
                    stats.sent();
                }
            } catch (CancellationException e) {
                stats.cancelled();               // the client went away, or the server is stopping
                throw e;
            } finally {
                if (ticker != null) {
                    ticker.stop();
                }
                stats.ended();
            }
        };
    }

    private static ResponseStatusException badRequest(String reason) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
    }
}
