/**
 * Go's {@code context} package (Go 1.21 surface): deadlines, cancellation signals and request-scoped values that
 * cross API boundaries and goroutines. Start at {@link io.chanflow.context.Context}.
 *
 * <p>Its class comment gives Go's rules of use and the errors; the factories are its static methods, and a
 * derived context is a {@link io.chanflow.context.CancelContext}, whose {@code close()} is Go's
 * {@code defer cancel()}. Every channel operation that takes a context stops when it is done:
 * <pre>{@code
 * try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(50))) { // defer cancel()
 *     Channel<String> never = Channel.make();                  // nobody sends on it
 *     try {
 *         never.receive(ctx);                                  // select { case <-never: case <-ctx.Done(): }
 *     } catch (CancellationException e) {
 *         System.out.println(e == Context.DEADLINE_EXCEEDED);  // true: ctx.Err() == context.DeadlineExceeded
 *     }
 * }
 * }</pre>
 *
 * <table>
 *   <caption>Go and Chanflow</caption>
 *   <tr><th>Go</th><th>Chanflow</th></tr>
 *   <tr><td>{@code context.Background()}, {@code context.TODO()}</td>
 *       <td>{@link io.chanflow.context.Context#background()}, {@link io.chanflow.context.Context#todo()}</td></tr>
 *   <tr><td>{@code ctx, cancel := context.WithCancel(parent)}; {@code defer cancel()}</td>
 *       <td>{@code try (CancelContext ctx = Context.withCancel(parent)) { ... }}</td></tr>
 *   <tr><td>{@code context.WithTimeout}, {@code WithDeadline}, {@code ...Cause}</td>
 *       <td>{@code Context.withTimeout}, {@code withDeadline}, {@code ...Cause}</td></tr>
 *   <tr><td>{@code ctx, cancel := context.WithCancelCause(parent)}; {@code cancel(err)}</td>
 *       <td>{@code CancelCauseContext ctx = Context.withCancelCause(parent)}; {@code ctx.cancel(err)}</td></tr>
 *   <tr><td>{@code <-ctx.Done()}, {@code ctx.Err()}, {@code ctx.Deadline()}</td>
 *       <td>{@code ctx.done().receiveOrClosed()}, {@code ctx.err()}, {@code ctx.deadline()}</td></tr>
 *   <tr><td>{@code context.WithValue(parent, key, v)}; {@code ctx.Value(key)}</td>
 *       <td>{@code Context.withValue(parent, KEY, v)}; {@code ctx.value(KEY)} with a typed
 *           {@link io.chanflow.context.Context.Key}</td></tr>
 *   <tr><td>{@code context.Canceled}, {@code context.DeadlineExceeded}</td>
 *       <td>{@link io.chanflow.context.Context#CANCELED}, {@link io.chanflow.context.Context#DEADLINE_EXCEEDED}</td></tr>
 *   <tr><td>{@code context.Cause(ctx)}, {@code context.AfterFunc(ctx, f)}, {@code context.WithoutCancel}</td>
 *       <td>{@code Context.cause(ctx)}, {@code Context.afterFunc(ctx, f)}, {@code Context.withoutCancel}</td></tr>
 * </table>
 */
package io.chanflow.context;
