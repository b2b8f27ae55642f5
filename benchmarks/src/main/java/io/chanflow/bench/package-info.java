/**
 * JMH benchmarks of Chanflow channels against jox and the JDK's blocking queues, of the flow bridge against Reactor
 * and {@code SubmissionPublisher}, and a heap footprint probe.
 *
 * <p>Every benchmark moves a batch of items per invocation ({@link io.chanflow.bench.Items#COUNT} for the channel
 * benchmarks, {@link io.chanflow.bench.FlowBridge#ITEMS} for the flow bridge) between virtual threads that the
 * invocation starts and joins (JMH's own thread is a platform thread and only waits), and scores nanoseconds per
 * item or per round trip. The channel loops are written once against {@link io.chanflow.bench.Conduit}; the
 * {@code contender} parameter picks the implementation:
 *
 * <table>
 *   <caption>Benchmarks and contenders</caption>
 *   <tr><th>class</th><th>what</th><th>contenders</th></tr>
 *   <tr><td>{@link io.chanflow.bench.UnbufferedBenchmark}</td><td>1 sender, 1 receiver, unbuffered</td>
 *       <td>chanflow, jox, sq, ltq</td></tr>
 *   <tr><td>{@link io.chanflow.bench.PingPongBenchmark}</td><td>round trips over two unbuffered channels</td>
 *       <td>chanflow, jox, sq</td></tr>
 *   <tr><td>{@link io.chanflow.bench.BufferedBenchmark}</td><td>1 sender, 1 receiver, capacity 16 and 1024</td>
 *       <td>chanflow, jox, abq</td></tr>
 *   <tr><td>{@link io.chanflow.bench.MpmcBenchmark}</td><td>4 senders, 4 receivers, capacity 1024</td>
 *       <td>chanflow, jox, abq</td></tr>
 *   <tr><td>{@link io.chanflow.bench.FlowBridgePublishBenchmark}</td><td>blocking producer to a subscriber
 *       requesting 256 at a time, {@link io.chanflow.bench.FlowBridge#ITEMS} items</td>
 *       <td>produce-0, produce-256, flux-create, submission</td></tr>
 *   <tr><td>{@link io.chanflow.bench.FlowBridgeConsumeBenchmark}</td><td>publisher drained by a blocking consumer,
 *       {@link io.chanflow.bench.FlowBridge#ITEMS} items</td><td>channel, toIterable</td></tr>
 * </table>
 *
 * <p>The flow-bridge benchmarks do not use {@link io.chanflow.bench.Conduit}: each contender is a different
 * publisher or subscriber shape. {@code benchmarks/README.md} says how each one is set up and why.
 *
 * <pre>
 * mvn -pl benchmarks package
 * java -jar benchmarks/target/benchmarks.jar                         # everything, 3 forks
 * java -jar benchmarks/target/benchmarks.jar PingPong -p contender=chanflow,jox
 * java -jar benchmarks/target/benchmarks.jar FlowBridge              # the flow bridge (needs flow-bridge installed)
 * java -cp benchmarks/target/benchmarks.jar io.chanflow.bench.MemoryFootprint
 * </pre>
 *
 * Run on an otherwise idle machine with at least as many cores as the benchmark has threads; on fewer cores the
 * multi-producer numbers measure the scheduler as much as the channel.
 */
package io.chanflow.bench;
