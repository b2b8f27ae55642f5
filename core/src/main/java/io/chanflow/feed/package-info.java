/**
 * The producing end of a channel for code that must never block: {@link io.chanflow.feed.ChannelFeed}.
 *
 * <h2>Start here</h2>
 * A {@code ChannelFeed} is a channel fed by callbacks instead of a goroutine. Its source offers elements without
 * blocking ({@code offer}), one at a time, and never more than the buffer holds; the feed tells the source, through
 * its {@code Listener}, each time receivers have taken another batch, so the source can ask for as many more. That
 * is a Reactive Streams subscriber's shape ({@code onNext}, {@code request(n)}), and the Flow bridge's
 * {@code ChannelSubscriber} is built on it. Receivers see an ordinary {@code ReceiveChannel}
 * ({@link io.chanflow.feed.ChannelFeed#channel()}): {@code select}, iteration and the context-bound forms all work.
 *
 * <pre>{@code
 * ChannelFeed<Integer> feed = new ChannelFeed<>(4, n -> System.out.println(n + " taken"));
 * for (int i = 0; i < 4; i++) {
 *     feed.offer(i);                           // never blocks: at most 4 offered and not yet taken
 * }
 * feed.close();                                // idempotent, unlike SendChannel.close()
 * for (int v : feed.channel()) {               // 0, 1, 2, 3, then the loop ends
 *     System.out.println(v);
 * }
 * }</pre>
 *
 * <p>This package is exported only to the Flow bridge's module ({@code exports io.chanflow.feed to
 * io.chanflow.flow}): it is the one way into a channel that skips the channel API, and it is not a promise to
 * anyone else. On the class path it is reachable, but may change in any release. Most code wants
 * {@link io.chanflow.Channel#make(int)} and a goroutine that sends, or, to consume a publisher, the Flow, Reactor or
 * RxJava bridge's {@code subscribe}/{@code toChannel}, which use a feed underneath.
 */
package io.chanflow.feed;
