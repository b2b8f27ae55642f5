/**
 * The RxJava 3 bridge: channels as {@code Flowable}, {@code Single}, {@code Maybe} and {@code Completable}, and back.
 *
 * <p>Start here: {@link io.chanflow.rxjava3.RxChannels}, whose table says which entry point makes what. It is built
 * on the Flow bridge ({@code io.chanflow.flow}), so the same two rules hold: cancellation is {@code Context.done()},
 * backpressure is channel capacity; what cannot be delivered goes to {@code RxJavaPlugins.onError}.
 * <pre>{@code
 * Flowable<Integer> squares = RxChannels.flowable(16, (ctx, out) -> {  // a goroutine per subscriber
 *     for (int i = 1; i <= 5; i++) out.send(i * i);
 * });
 * List<Integer> all = squares.toList().blockingGet();                  // [1, 4, 9, 16, 25]
 *
 * try (CancelContext ctx = Context.withCancel(Context.background())) {
 *     for (int n : RxChannels.toChannel(ctx, Flowable.range(1, 3), 8)) {  // a Flowable as a channel
 *         System.out.println(n);
 *     }
 * }
 * }</pre>
 */
package io.chanflow.rxjava3;
