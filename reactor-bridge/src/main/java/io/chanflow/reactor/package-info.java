/**
 * The Reactor bridge: channels as {@code Flux} and {@code Mono}, and back.
 *
 * <p>Start here: {@link io.chanflow.reactor.ReactorChannels}, whose table says which entry point makes what, and
 * how Reactor's context, hooks and {@code Scannable} meet Chanflow's. It is built on the Flow bridge
 * ({@code io.chanflow.flow}), so the same two rules hold: cancellation is {@code Context.done()}, backpressure is
 * channel capacity.
 * <pre>{@code
 * Flux<Integer> squares = ReactorChannels.flux(16, (ctx, out) -> {  // a goroutine per subscriber
 *     for (int i = 1; i <= 5; i++) out.send(i * i);
 * });
 * List<Integer> all = squares.collectList().block();                // [1, 4, 9, 16, 25]
 *
 * try (CancelContext ctx = Context.withCancel(Context.background())) {
 *     for (int n : ReactorChannels.toChannel(ctx, Flux.range(1, 3), 8)) {  // a Flux as a channel
 *         System.out.println(n);
 *     }
 * }
 * }</pre>
 */
package io.chanflow.reactor;
