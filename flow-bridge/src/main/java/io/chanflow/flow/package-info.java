/**
 * The Flow bridge: channels as {@link java.util.concurrent.Flow} and {@code org.reactivestreams} publishers,
 * subscribers and processors. Start at {@link io.chanflow.flow.FlowChannels}.
 *
 * <p>Every type here implements both the JDK's {@code Flow} interfaces and the Reactive Streams ones, so Reactor
 * and RxJava take them without an adapter. The Reactive Streams rules are kept in
 * {@link io.chanflow.flow.ReactiveRules}, shared with the Reactor and RxJava bridges.
 */
package io.chanflow.flow;
