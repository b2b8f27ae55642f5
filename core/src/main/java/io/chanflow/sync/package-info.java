/**
 * Go's {@code sync} package and {@code golang.org/x/sync}: {@link io.chanflow.sync.Once}, {@link io.chanflow.sync.Mutex},
 * {@link io.chanflow.sync.RWMutex}, {@link io.chanflow.sync.Cond}, {@link io.chanflow.sync.ErrGroup} and the weighted
 * {@link io.chanflow.sync.Semaphore}.
 *
 * <p>Every type parks waiting threads through {@code java.util.concurrent.locks} (no {@code synchronized} around
 * a wait, no spinning), so a waiting virtual thread releases its carrier. Blocking calls throw
 * {@link java.lang.InterruptedException} when the thread is interrupted while waiting, unless their javadoc says
 * otherwise; calls that take a {@link io.chanflow.context.Context} also stop when it is cancelled and then throw
 * its {@code err()}. Misuse that Go reports with a panic throws an unchecked exception with Go's message.
 *
 * <p>Start here: {@link io.chanflow.sync.ErrGroup}, for goroutines that work on parts of one task and whose first
 * failure should stop the rest; then {@link io.chanflow.sync.Mutex} and {@link io.chanflow.sync.Once} for shared
 * state. ({@code sync.WaitGroup} is {@link io.chanflow.WaitGroup}, in the channel API.)
 * <pre>{@code
 * ErrGroup.WithContext g = ErrGroup.withContext(Context.background()); // g, ctx := errgroup.WithContext(bg)
 * g.group().go(() -> { throw new IOException("disk full"); });        // g.Go(func() error { return err })
 * g.group().go(() -> g.ctx().done().receiveOrClosed());               // <-ctx.Done(): the failure cancels ctx
 * Throwable err = g.group().await();                                  // err := g.Wait(): the IOException
 * }</pre>
 */
package io.chanflow.sync;
