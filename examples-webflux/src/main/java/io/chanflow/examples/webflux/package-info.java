/**
 * A reactive HTTP server whose endpoints are goroutines: Spring Boot WebFlux on Reactor Netty, with the work done
 * by plain blocking code in goroutines and joined to the reactive side by the Reactor bridge
 * ({@link io.chanflow.reactor.ReactorChannels}).
 *
 * <table>
 *   <caption>The endpoints</caption>
 *   <tr><th>request</th><th>what answers it</th></tr>
 *   <tr><td>{@code GET /events?from=A&count=N&pad=P&every=MS}</td><td>Server-Sent Events {@code A, A+1, ...} sent
 *       by one producer goroutine per request ({@link io.chanflow.examples.webflux.EventsController})</td></tr>
 *   <tr><td>{@code POST /squares?workers=W}, a body of lines</td><td>each line fanned out to a pool of {@code W}
 *       worker goroutines, the results streamed back as lines
 *       ({@link io.chanflow.examples.webflux.SquaresController})</td></tr>
 *   <tr><td>{@code GET /goroutines}, {@code GET /stats}</td><td>a Go-style dump of the live goroutines; the event
 *       producers' counters ({@link io.chanflow.examples.webflux.DiagnosticsController})</td></tr>
 * </table>
 *
 * <h2>The bridge rules this server shows</h2>
 * <ol>
 *   <li><b>The event loop never blocks; goroutines do.</b> A handler method only assembles a {@code Flux} and returns
 *       it. The blocking ({@code out.send}, {@code receive}, {@code WaitGroup.await}) happens in goroutines, that is
 *       virtual threads; Reactor Netty's event-loop threads only call {@code request} and {@code cancel}, which never
 *       block.</li>
 *   <li><b>One subscriber, one goroutine.</b> {@code ReactorChannels.flux((ctx, out) -> ...)} is cold: every
 *       subscription, so every HTTP request, runs the body afresh in a goroutine of its own, with a context of its
 *       own.</li>
 *   <li><b>Backpressure is channel capacity.</b> The body's {@code out} has capacity 0: {@code out.send} returns
 *       only once the response has asked for that element. Reactor Netty asks only while the connection is
 *       writable, so a client that stops reading fills the socket buffers, then Netty's outbound buffer and a few
 *       small prefetch queues, and then the producer stays parked in {@code chan send}: a slow client costs a
 *       bounded amount of memory and no thread.</li>
 *   <li><b>Cancellation is {@code ctx.done()}.</b> A client that disconnects makes Reactor Netty cancel the
 *       response's subscription; the bridge cancels the body's context and closes {@code out} with
 *       {@code ctx.err()}, so a {@code send} blocked there (or the next one) throws that
 *       {@link java.util.concurrent.CancellationException}. The body lets it propagate, and the goroutine ends.</li>
 *   <li><b>Contexts form a tree.</b> Each body's context derives from the server's
 *       ({@link io.chanflow.examples.webflux.ServerContext}), which is cancelled when the application stops: one
 *       cancel ends every open stream, as a Go server cancels its base context on shutdown.</li>
 *   <li><b>A Flux becomes a channel with bounded demand.</b> {@code ReactorChannels.toChannel(ctx, body, 64)} turns
 *       the request body into a channel that worker goroutines range over; it requests 64 lines up front and 48 more
 *       each time 48 were taken, so the upload is read only as fast as the workers consume it, and cancelling
 *       {@code ctx} cancels the upload.</li>
 * </ol>
 */
package io.chanflow.examples.webflux;
