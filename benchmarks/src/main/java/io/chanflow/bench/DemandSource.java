package io.chanflow.bench;

import java.util.concurrent.locks.LockSupport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The Reactor source of the flow-bridge rows: a {@code Flux.create} fed by its own producer virtual thread that
 * honours demand, the reactive counterpart of the Chanflow producer builder.
 *
 * <p>The producer thread is started when the flux is subscribed. It emits while
 * {@link FluxSink#requestedFromDownstream()} is positive and parks when it is zero; {@code onRequest} unparks it.
 * So, like a builder's {@code send}, it never runs more than the downstream asked for ahead of the consumer, and the
 * sink needs no buffer of its own: it is created with {@link FluxSink.OverflowStrategy#ERROR}, under which an
 * {@code onNext} with demand goes straight to the subscriber and one without demand fails the stream (which the
 * benchmark's checks would report). {@code BUFFER} was rejected for the comparison: it would let the producer run
 * unboundedly ahead into an unbounded queue, and never wait, which is neither what a channel of fixed capacity does
 * nor what {@code SubmissionPublisher.submit} does.
 *
 * <p>One source serves one subscription, then {@link #join()} waits for its producer thread.
 */
final class DemandSource {

    private final Integer[] items;
    private volatile Thread producer;
    private volatile Throwable failure;

    DemandSource(Integer[] items) {
        this.items = items;
    }

    /** The flux; subscribe it once. */
    Flux<Integer> flux() {
        return Flux.create(this::start, FluxSink.OverflowStrategy.ERROR);
    }

    private void start(FluxSink<Integer> sink) {
        if (producer != null) {
            sink.error(new IllegalStateException("a DemandSource serves one subscription"));
            return;
        }
        Thread t = Thread.ofVirtual().name("flux-producer").unstarted(() -> feed(sink));
        // Registered before the thread starts: an unpark of a not-yet-started thread leaves its permit set, so
        // its first park returns at once and it re-reads the demand. A request is never lost either way.
        sink.onRequest(n -> LockSupport.unpark(t));
        sink.onCancel(() -> LockSupport.unpark(t));
        producer = t;
        t.start();
    }

    private void feed(FluxSink<Integer> sink) {
        try {
            Integer[] xs = items;
            int i = 0;
            while (i < xs.length) {
                long demand = sink.requestedFromDownstream();
                if (demand == 0L) {
                    if (sink.isCancelled()) {
                        return;
                    }
                    LockSupport.park(this);
                    continue;
                }
                // Only this thread consumes demand, so `demand` can only be too low, never too high.
                for (; demand > 0L && i < xs.length; demand--) {
                    sink.next(xs[i++]);
                }
            }
            sink.complete();
        } catch (Throwable e) {
            failure = e;
            sink.error(e);
        }
    }

    /** The producer thread, once the flux was subscribed. */
    Thread producer() {
        return producer;
    }

    /** Waits for the producer thread to end; throws if it failed, never started, or is still running. */
    void join() throws InterruptedException {
        FlowBridge.join(producer, "Flux.create producer thread", FlowBridge.LINGER);
        Throwable e = failure;
        if (e != null) {
            throw new IllegalStateException("Flux.create producer failed", e);
        }
    }
}
