/**
 * The tutorial's concurrency patterns (sections 6, 7 and 9), one runnable program each:
 * <ul>
 *   <li>{@link io.chanflow.examples.patterns.WorkerPool}: jobs and results channels, three workers;</li>
 *   <li>{@link io.chanflow.examples.patterns.FanOutFanIn}: workers sharing one input, their outputs merged;</li>
 *   <li>{@link io.chanflow.examples.patterns.Pipeline}: gen → sq → print, each stage closing its output;</li>
 *   <li>{@link io.chanflow.examples.patterns.CancelWithContext}: {@code WithCancel} stops an endless generator;</li>
 *   <li>{@link io.chanflow.examples.patterns.CancelWithTimeout}: {@code WithTimeout} abandons a slow operation;</li>
 *   <li>{@link io.chanflow.examples.patterns.GoroutineLeak}: a goroutine blocked for ever on a send, and the fix;</li>
 *   <li>{@link io.chanflow.examples.patterns.Checklist}: the closing mental checklist, applied item by item.</li>
 * </ul>
 */
package io.chanflow.examples.patterns;
