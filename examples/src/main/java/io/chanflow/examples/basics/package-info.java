/**
 * The basics of the Go concurrency tutorial (goroutines, channels, select, and the {@code sync} primitives), one
 * small program per idea, each readable top to bottom:
 *
 * <ul>
 *   <li>{@link io.chanflow.examples.basics.SayHello}: {@code go say("world")}, and waiting for it with a
 *       {@code WaitGroup}</li>
 *   <li>{@link io.chanflow.examples.basics.ManyGoroutines}: a hundred thousand goroutines, cheaply</li>
 *   <li>{@link io.chanflow.examples.basics.UnbufferedSync}: an unbuffered channel as synchronisation</li>
 *   <li>{@link io.chanflow.examples.basics.BufferedQueue}: a buffered channel as a queue ({@code len}/{@code cap})</li>
 *   <li>{@link io.chanflow.examples.basics.CloseAndRange}: {@code close}, {@code for range}, {@code v, ok := <-ch}</li>
 *   <li>{@link io.chanflow.examples.basics.SelectDefault}: a non-blocking {@code select} with {@code default}</li>
 *   <li>{@link io.chanflow.examples.basics.SelectTimeout}: {@code select} with {@code time.After}</li>
 *   <li>{@link io.chanflow.examples.basics.MutexCounter}: a counter guarded by {@code sync.Mutex}</li>
 *   <li>{@link io.chanflow.examples.basics.RWMutexCache}: a read-heavy cache guarded by {@code sync.RWMutex}</li>
 *   <li>{@link io.chanflow.examples.basics.OnceConfig}: lazy configuration with {@code sync.Once}</li>
 *   <li>{@link io.chanflow.examples.basics.CondBoundedBuffer}: a bounded buffer with {@code sync.Cond}</li>
 * </ul>
 *
 * Each has a {@code main} and a {@code run(PrintStream)}; {@code BasicsExamplesTest} checks their output.
 */
package io.chanflow.examples.basics;
