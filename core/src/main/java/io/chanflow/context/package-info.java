/**
 * Go's {@code context} package (Go 1.21 surface): deadlines, cancellation signals and request-scoped values that
 * cross API boundaries and goroutines. Start at {@link io.chanflow.context.Context}.
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
