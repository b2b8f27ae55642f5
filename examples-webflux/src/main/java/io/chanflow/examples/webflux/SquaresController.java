package io.chanflow.examples.webflux;

import io.chanflow.ReceiveChannel;
import io.chanflow.SendChannel;
import io.chanflow.WaitGroup;
import io.chanflow.context.Context;
import io.chanflow.reactor.ReactorChannels;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;

/**
 * {@code POST /squares?workers=W}: a streamed body of lines, each a whole number, fanned out to a pool of {@code W}
 * worker goroutines (default 4, at most {@value #MAX_WORKERS}); each result is streamed back as one line,
 * {@code "7 -> 49 (worker 3)"}; a line that is not a {@code long} is answered {@code "abc -> not a number (worker 3)"},
 * one whose square is not a {@code long} {@code "4294967296 -> too large (worker 3)"}. Blank lines are skipped.
 * The body must be {@code text/plain} ({@code 415 Unsupported Media Type} otherwise); a {@code workers} out of
 * range is answered {@code 400 Bad Request}. When the server stops, a response under way is cut short (the
 * connection is closed): unlike an event stream, a partial list of answers must not look complete.
 *
 * <p>The Go worker pool, with a {@link WaitGroup}:
 * <pre>{@code
 * jobs := lines of the request body            // ReactorChannels.toChannel(ctx, body, 64)
 * for w := 1; w <= W; w++ {
 *     wg.Go(func() { for line := range jobs { out <- square(line, w) } })
 * }
 * wg.Wait()                                    // then return: the response completes
 * }</pre>
 * Every line is received by exactly one worker, so it is answered exactly once; the order of the answers is not
 * the order of the lines.
 *
 * <h2>Why streamed back, not collected</h2>
 * The answer is a {@code Flux} built with {@code ReactorChannels.flux}, whose {@code out} the workers send to
 * directly. However large the body, the goroutines then hold at most 64 lines waiting in {@code jobs}, one line
 * in each worker and {@code W} answers in {@code out}, and the first answers leave before the last line has
 * arrived. Collecting them (a {@code Mono<List>}) would
 * hold the whole answer in memory and send nothing until the end. The price of streaming is that the request
 * body is read only as fast as the answers are taken: the exchange is full duplex. A client that sends its whole
 * body before it reads any of the response must keep the answers within what the socket buffers hold, or both
 * sides stall. The JDK's {@code java.net.http.HttpClient} behaves as such a client on HTTP/1.1 (as seen with
 * JDK 25, it hands over the response once the body is sent: 20,000 lines are fine, an endless body is not);
 * curl and Reactor Netty's client ({@code WebClient}) read the answers while they send.
 *
 * <h2>Cancellation</h2>
 * A client that disconnects cancels the body's context: {@code out} is closed with {@code ctx.err()}, so the next
 * {@code send} of every worker throws it; the request body's subscription is cancelled and {@code jobs} fails
 * with the same cause after the lines it holds, which ends the workers' loops. Then {@code wg.await()} returns and
 * the body throws {@code ctx.err()}, which the bridge recognises as the cancellation it caused.
 */
@RestController
final class SquaresController {
    /** The most workers a request may ask for. */
    static final int MAX_WORKERS = 64;
    /**
     * The jobs channel's capacity, hence the request body's prefetch: 64 lines requested up front, 48 more each
     * time 48 were taken. Enough to keep a few workers busy between refills, small enough to bound memory.
     */
    private static final int JOBS_CAPACITY = 64;

    private final ServerContext server;

    SquaresController(ServerContext server) {
        this.server = server;
    }

    @PostMapping(path = "/squares", consumes = MediaType.TEXT_PLAIN_VALUE, produces = MediaType.TEXT_PLAIN_VALUE)
    Flux<String> squares(@RequestBody Flux<String> lines,
                         @RequestParam(name = "workers", defaultValue = "4") int workers) {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "workers must be between 1 and " + MAX_WORKERS + ": " + workers);
        }
        // WebFlux's StringDecoder splits the body into lines (without their terminators) as it arrives.
        return ReactorChannels.flux(server.context(), workers, (ctx, out) -> {
            ReceiveChannel<String> jobs = ReactorChannels.toChannel(ctx, lines, JOBS_CAPACITY);
            WaitGroup wg = new WaitGroup();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int w = 1; w <= workers; w++) {
                int id = w;
                wg.go(() -> {
                    try {
                        work(id, jobs, out);
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t); // Go would return it as an error; the first one wins
                    }
                });
            }
            wg.await();                                  // the last worker is done: no send on `out` after this
            rethrow(failure.get(), ctx);
        });
    }

    /** One worker: ranges over {@code jobs} until it is closed, sending one answer per non-blank line. */
    private static void work(int id, ReceiveChannel<String> jobs, SendChannel<String> out)
            throws InterruptedException {
        for (String line : jobs) {                       // for line := range jobs
            String job = line.strip();
            if (!job.isEmpty()) {
                out.send(square(job) + " (worker " + id + ")\n");
            }
        }
    }

    /** {@code "n -> n²"}, {@code "job -> not a number"} or {@code "n -> too large"}. */
    private static String square(String job) {
        long n;
        try {
            n = Long.parseLong(job);
        } catch (NumberFormatException e) {
            return job + " -> not a number";
        }
        try {
            return n + " -> " + Math.multiplyExact(n, n);
        } catch (ArithmeticException e) {
            return n + " -> too large";
        }
    }

    /**
     * Ends the body as its first worker failure says: nothing is a completion; the context's cancellation (the
     * client left) is rethrown as it is, for the bridge to recognise; anything else is the response's error.
     */
    private static void rethrow(Throwable failure, Context ctx) throws Exception {
        if (failure == null) {
            return;
        }
        if (failure instanceof CancellationException && ctx.err() != null) {
            throw ctx.err();
        }
        if (failure instanceof Exception e) {
            throw e;
        }
        throw (Error) failure;
    }
}
