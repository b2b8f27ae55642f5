/**
 * Timers and tickers with Go's channel semantics (Go 1.23): {@link io.chanflow.time.Time#after},
 * {@link io.chanflow.time.Time#newTimer}, {@link io.chanflow.time.Time#newTicker} and
 * {@link io.chanflow.time.Time#afterFunc}.
 *
 * <p>{@code Time} is Chanflow's name for Go's {@code time} package; durations and instants are
 * {@link java.time.Duration} and {@link java.time.Instant}. Go's {@code time.Sleep} is {@link java.lang.Thread#sleep}.
 */
package io.chanflow.time;
