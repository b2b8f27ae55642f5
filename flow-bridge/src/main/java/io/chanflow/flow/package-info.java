/**
 * The Flow bridge: channels as {@link java.util.concurrent.Flow} and {@code org.reactivestreams} publishers,
 * subscribers and processors. Start at {@link io.chanflow.flow.FlowChannels}.
 *
 * <p>Every type here implements both the JDK's {@code Flow} interfaces and the Reactive Streams ones, so Reactor
 * and RxJava take them without an adapter. The Reactive Streams rules are kept in one package-private class,
 * {@code ReactiveRules}, used by every publisher and subscriber here; the Reactor and RxJava bridges build on those
 * types, so the rules hold there too.
 *
 * <p>{@code FlowChannels}' table says which entry point makes what; {@link io.chanflow.flow.ChannelPublisher} and
 * {@link io.chanflow.flow.ChannelSubscriber} then give the contracts (demand, cancellation, what a cancel
 * discards).
 * <pre>{@code
 * ChannelPublisher<Integer> squares = FlowChannels.produce(16, (ctx, out) -> {  // blocking code as a publisher
 *     for (int i = 1; i <= 5; i++) out.send(i * i);                            // send blocks without demand
 * });
 * try (CancelContext ctx = Context.withCancel(Context.background())) {
 *     for (int s : FlowChannels.subscribe(ctx, squares, 4)) {                  // any publisher as a channel
 *         System.out.println(s);                                               // 1, 4, 9, 16, 25
 *     }
 * }
 * }</pre>
 */
package io.chanflow.flow;
