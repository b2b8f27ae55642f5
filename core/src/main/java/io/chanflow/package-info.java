/**
 * Go's channels, goroutines and {@code select} on Java virtual threads: the channel API.
 *
 * <h2>Start here</h2>
 * Read four types first. {@link io.chanflow.Channel} makes channels ({@code Channel.make()}, {@code make(n)},
 * {@code nil()}); its two sides, {@link io.chanflow.SendChannel} and {@link io.chanflow.ReceiveChannel}, state the
 * contract of every operation: blocking, FIFO order, closing, interruption, happens-before. {@link io.chanflow.Go}
 * starts goroutines. {@link io.chanflow.Select} waits on several channel operations and completes exactly one.
 * {@link io.chanflow.Done} is what a channel operation needs of a context ({@code done()} and {@code err()}): every
 * {@link io.chanflow.context.Context} is one, so {@code ch.send(ctx, v)}, {@code ch.receive(ctx)} and
 * {@code Go.go(ctx, task)} stop when the context is cancelled.
 *
 * <pre>{@code
 * Channel<Integer> squares = Channel.make();                          // squares := make(chan int)
 * try (CancelContext ctx = Context.withCancel(Context.background())) { // ctx, cancel := ...; defer cancel()
 *     Go.go(ctx, c -> {                                               // go func() {
 *         for (int i = 1; ; i++) squares.send(c, i * i);              //   send i*i until ctx is done
 *     });                                                             // }()
 *     for (int k = 0; k < 3; k++) {
 *         Select.select()                                             // select {
 *             .receive(squares, n -> System.out.println(n))           // case n := <-squares: fmt.Println(n)
 *             .receive(Time.after(Duration.ofSeconds(1)), t -> System.out.println("slow")) // case <-time.After(..):
 *             .run();                                                 // }
 *     }
 * }                                                                   // cancel(): the goroutine's send throws
 * }</pre>
 * ({@code CancelContext} and {@code Context} are in {@code io.chanflow.context}, {@code Time} in
 * {@code io.chanflow.time}.) The goroutine ends when the context is cancelled: its {@code send(c, v)} throws
 * {@code c.err()}, which {@code Go.go(ctx, task)} takes as the signal to stop, not as a failure.
 *
 * <h2>Go and Java</h2>
 * <ul>
 *   <li>{@code make(chan T)}, {@code make(chan T, n)}, {@code var ch chan T}: {@code Channel.make()},
 *       {@code Channel.make(n)}, {@code Channel.nil()}.</li>
 *   <li>{@code chan<- T}, {@code <-chan T}: {@link io.chanflow.SendChannel}, {@link io.chanflow.ReceiveChannel}.</li>
 *   <li>{@code ch <- v}: {@code ch.send(v)}; {@code v := <-ch}: {@code ch.receive()}; {@code v, ok := <-ch}:
 *       {@code ch.receiveOrClosed()}, a {@link io.chanflow.Received}.</li>
 *   <li>{@code close(ch)}, {@code len(ch)}, {@code cap(ch)}: {@code ch.close()}, {@code ch.len()},
 *       {@code ch.cap()}; {@code for v := range ch}: {@code for (T v : ch)}.</li>
 *   <li>A panic on misuse ("send on closed channel"): {@link io.chanflow.ChannelClosedException}, or
 *       {@code IllegalStateException} ("close of closed channel"), with Go's message.</li>
 *   <li>{@code go f()}: {@code Go.go(() -> f())}, a new virtual thread; {@code runtime.NumGoroutine()}:
 *       {@code Go.numGoroutine()}; a goroutine dump: {@link io.chanflow.Goroutines}.</li>
 *   <li>{@code select} with cases and {@code default}:
 *       {@code Select.select().receive(..).send(..).otherwise(..).run()}, or {@code Select.returning()} for a
 *       value.</li>
 *   <li>{@code sync.WaitGroup}: {@link io.chanflow.WaitGroup}.</li>
 *   <li>{@code <-ctx.Done()}, {@code ctx.Err()}: {@code ctx.done()}, {@code ctx.err()} of a
 *       {@link io.chanflow.Done}.</li>
 *   <li>No Go counterpart: every blocking call honours {@link java.lang.Thread#interrupt()} with
 *       {@link java.lang.InterruptedException}; a value is never lost to the race.</li>
 * </ul>
 *
 * <p>The rest of Go's concurrency library is built on these types, in {@code io.chanflow.context},
 * {@code io.chanflow.sync}, {@code io.chanflow.time} and {@code io.chanflow.patterns}; this package depends on none
 * of them. The engine behind {@code Channel} is not part of the API.
 */
package io.chanflow;
