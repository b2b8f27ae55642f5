/**
 * Timers and tickers with Go's channel semantics (Go 1.23): {@link io.chanflow.time.Time#after},
 * {@link io.chanflow.time.Time#newTimer}, {@link io.chanflow.time.Time#newTicker} and
 * {@link io.chanflow.time.Time#afterFunc}.
 *
 * <p>{@code Time} is Chanflow's name for Go's {@code time} package; durations and instants are
 * {@link java.time.Duration} and {@link java.time.Instant}. Go's {@code time.Sleep} is {@link java.lang.Thread#sleep}.
 *
 * <p>Start here: {@code Time}'s class comment, which lists what is Go 1.23's and what differs; then
 * {@link io.chanflow.time.Timer} and {@link io.chanflow.time.Ticker} for {@code stop} and {@code reset}. A timer's
 * channel is an ordinary channel, so it is a case of a {@code select}:
 * <pre>{@code
 * Ticker ticker = Time.newTicker(Duration.ofMillis(100));                // ticker := time.NewTicker(100 * ms)
 * ReceiveChannel<Instant> timeout = Time.after(Duration.ofMillis(350));  // timeout := time.After(350 * ms)
 * boolean more = true;
 * while (more) {
 *     more = Select.<Boolean>returning()                                 // select {
 *         .receive(ticker.c(), t -> true)                                // case <-ticker.C: three times
 *         .receive(timeout, t -> false)                                  // case <-timeout: return
 *         .get();                                                        // }
 * }
 * ticker.stop();                                                         // ticker.Stop()
 * }</pre>
 */
package io.chanflow.time;
