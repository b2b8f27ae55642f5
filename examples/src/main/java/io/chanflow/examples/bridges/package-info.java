/**
 * The bridges at work, one runnable program each:
 * <ul>
 *   <li>{@link io.chanflow.examples.bridges.ChannelToFlux}: a Reactor pipeline consuming a Chanflow producer;</li>
 *   <li>{@link io.chanflow.examples.bridges.FlowableToChannel}: an RxJava {@code Flowable} feeding goroutine
 *       workers through a bounded channel;</li>
 *   <li>{@link io.chanflow.examples.bridges.FlowInterop}: {@code java.util.concurrent.Flow} to and from
 *       channels.</li>
 * </ul>
 */
package io.chanflow.examples.bridges;
