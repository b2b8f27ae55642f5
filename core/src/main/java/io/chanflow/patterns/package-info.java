/**
 * Go's concurrency patterns, ready-made: generator, pipeline stage on a worker pool (unordered and
 * order-preserving), fan-out, fan-in, or-done, tee and bridge.
 *
 * <h2>Start here</h2>
 * Read {@link io.chanflow.patterns.Patterns} first: its class comment states the contract every pattern keeps. Each
 * takes a {@link io.chanflow.context.Context}, and cancelling it stops every goroutine the pattern started, wherever
 * it is blocked; each output channel is closed once its inputs are closed and drained, or the context is done, so a
 * {@code for} loop over it always ends; each value is delivered once. Then read the methods in pipeline order:
 * {@code generate} and {@code gen}, {@code map} and {@code mapOrdered}, {@code fanOut} with {@code merge},
 * {@code orDone}, {@code tee}, {@code bridge}.
 *
 * <pre>{@code
 * try (CancelContext ctx = Context.withCancel(Context.background())) {
 *     ReceiveChannel<Integer> nums = Patterns.generate(ctx, 0, out -> {         // an endless generator
 *         for (int i = 1; ; i++) out.send(ctx, i);
 *     });
 *     ReceiveChannel<Integer> squares = Patterns.mapOrdered(ctx, nums, 4, n -> n * n);  // 4 workers, input order
 *     for (int s : squares) {
 *         if (s > 100) break;                                                    // the consumer stops early,
 *         System.out.println(s);
 *     }
 * }                                                                              // cancel(): no goroutine leaks
 * }</pre>
 *
 * <p>The patterns use only the public API ({@code Channel}, {@code Select}, {@code Go}, {@code Context}), as a user
 * would write them. Work whose failure must stop the pipeline belongs in an {@link io.chanflow.sync.ErrGroup}. The
 * tutorial's versions of these patterns, written out by hand as small runnable programs, are in the {@code examples}
 * module ({@code io.chanflow.examples.patterns}).
 */
package io.chanflow.patterns;
