/**
 * The channel engine: not API, not exported by the module, for whoever changes how channels and {@code select} work.
 * Users hold {@link io.chanflow.Channel}; nothing here is a promise to them, and any of it may change in a release.
 *
 * <h2>Start here</h2>
 * A channel is one object: {@code io.chanflow.Chan}, a final class that maps the API onto
 * {@link io.chanflow.internal.ChanEngine}, at the bottom of a chain of abstract classes. Each class of the chain is
 * one algorithm in a file of its own, opening with its invariants, and calls only the classes below it:
 * <ol>
 *   <li>{@code ChanFields.java}: {@code ChanDepFields} → {@code ChanHotFields} → {@code ChanFields}, every field
 *       of a channel, declared in the order HotSpot lays them out, with what holds of each; the buffer.</li>
 *   <li>{@code SpinLock}: the channel's test-and-test-and-set lock ({@code lock}, {@code lockNested},
 *       {@code lockSlow}).</li>
 *   <li>{@code Slot}: the first waiter, a lone receiver waiting in three fields of the channel
 *       ({@code sendToSlot}, {@code slotAwait}).</li>
 *   <li>{@code Deposit}: the waiting sender, whose element waits in one word ({@code depTake},
 *       {@code depAwait}).</li>
 *   <li>{@code WaitQueue}: the queues of {@code Node}s, the chain of claimed nodes to unpark,
 *       {@code unlockAndRelease}, and {@code claimAll} for a close.</li>
 *   <li>{@code FeedReceive}: the receivers' side of a feed's channel.</li>
 *   <li>{@link io.chanflow.internal.ChanEngine}: {@code sendNow}/{@code receiveNow}; {@code send0},
 *       {@code receive0} and {@code close0}, which every send, receive and close goes through; {@code drain},
 *       {@code len}/{@code cap}, {@code watchClose}.</li>
 * </ol>
 * Beside the chain: {@code Waiter} (the claim word that decides every blocked operation, and the park protocol),
 * {@code Node} and {@code SelectNode}, {@link io.chanflow.internal.Selector} (Go's {@code selectgo} after a pass of
 * its own), {@link io.chanflow.internal.FeedRing} (a feed's ring, the producer's side), {@code Tuning} (every
 * tunable, with its reason and its decision record), {@link io.chanflow.internal.FedChannels} (how
 * {@code ChannelFeed} obtains a channel), and the goroutine registry.
 *
 * <p>The layers are abstract classes, not objects, so that a channel stays one object with one field layout and
 * the calls between layers are bound statically; each algorithm still reads as its own file. The invariants live at
 * the top of each file and next to each field: read them before the code, and keep them true. The design as a whole
 * (the hand-off paths, happens-before, select, the bridges) is in {@code docs/ARCHITECTURE.md}; why each
 * non-obvious choice was made, with its figures, in {@code docs/adr/}.
 *
 * <p><b>Measure before and after any change here.</b> Build the jar of the commit before and of the change, run
 * {@code io.chanflow.bench.Interleaved} with both the same day, and record the runs in
 * {@code benchmarks/NOTEBOOK.md} and the decision in a new record. A change to a race also needs the jcstress tests
 * in {@code quick} mode, and a new race a jcstress test of its own.
 */
package io.chanflow.internal;
