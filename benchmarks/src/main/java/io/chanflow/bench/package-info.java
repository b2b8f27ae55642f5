/**
 * JMH benchmarks of Chanflow channels against jox and the JDK's blocking queues, of the flow bridge against Reactor
 * and {@code SubmissionPublisher}, a heap footprint probe, and an interleaved runner of the same benchmarks.
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
 *   <tr><td>{@link io.chanflow.bench.SelectBenchmark}</td><td>one receiver selecting over 2 channels, each with its
 *       own sender, capacity 0 and 16</td><td>chanflow, jox</td></tr>
 *   <tr><td>{@link io.chanflow.bench.ReactorBridgeBenchmark}</td><td>the Reactor bridge's builders and
 *       {@code toChannel} against {@code Flux.create} and {@code toIterable}</td>
 *       <td>flux-0, flux-256, flux-create, toChannel, toIterable</td></tr>
 *   <tr><td>{@link io.chanflow.bench.RxJavaBridgeBenchmark}</td><td>the RxJava bridge's builders and
 *       {@code toChannel} against {@code Flowable.create} and {@code blockingIterable}</td>
 *       <td>flowable-0, flowable-256, create-buffer, channel, blockingIterable</td></tr>
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
 * <p>{@link io.chanflow.bench.Interleaved} runs the same benchmark methods outside JMH, the contenders of a row taking
 * turns round by round in one JVM, and reports the per-round ratios: on a machine whose speed drifts, it decides rows
 * on which JMH's error bars overlap. {@link io.chanflow.bench.CoreToCore} measures how long a cache line takes to cross
 * between two cores and back, which bounds every two-carrier row; {@code Interleaved} prints it before and after its
 * rows.
 *
 * <pre>
 * mvn -pl benchmarks package
 * java -jar benchmarks/target/benchmarks.jar                         # everything, 3 forks
 * java -jar benchmarks/target/benchmarks.jar PingPong -p contender=chanflow,jox
 * java -jar benchmarks/target/benchmarks.jar FlowBridge              # the flow bridge (needs flow-bridge installed)
 * java -cp benchmarks/target/benchmarks.jar io.chanflow.bench.MemoryFootprint
 * java -cp benchmarks/target/benchmarks.jar io.chanflow.bench.Interleaved 40      # 40 rounds per row
 * java -cp benchmarks/target/benchmarks.jar io.chanflow.bench.CoreToCore          # round trips, one per second
 * </pre>
 *
 * Run on an otherwise idle machine with at least as many cores as the benchmark has threads; on fewer cores the
 * multi-producer numbers measure the scheduler as much as the channel.
 */
package io.chanflow.bench;
