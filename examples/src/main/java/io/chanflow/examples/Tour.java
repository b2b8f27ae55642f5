package io.chanflow.examples;

import io.chanflow.examples.basics.BufferedQueue;
import io.chanflow.examples.basics.CloseAndRange;
import io.chanflow.examples.basics.CondBoundedBuffer;
import io.chanflow.examples.basics.ManyGoroutines;
import io.chanflow.examples.basics.MutexCounter;
import io.chanflow.examples.basics.OnceConfig;
import io.chanflow.examples.basics.RWMutexCache;
import io.chanflow.examples.basics.SayHello;
import io.chanflow.examples.basics.SelectDefault;
import io.chanflow.examples.basics.SelectTimeout;
import io.chanflow.examples.basics.UnbufferedSync;
import io.chanflow.examples.bridges.ChannelToFlux;
import io.chanflow.examples.bridges.FlowInterop;
import io.chanflow.examples.bridges.FlowableToChannel;
import io.chanflow.examples.patterns.CancelWithContext;
import io.chanflow.examples.patterns.CancelWithTimeout;
import io.chanflow.examples.patterns.Checklist;
import io.chanflow.examples.patterns.FanOutFanIn;
import io.chanflow.examples.patterns.Pipeline;
import io.chanflow.examples.patterns.WorkerPool;
import java.io.PrintStream;
import java.util.List;

/**
 * The demo: every example, in the order of the Go concurrency tutorial, each under a heading. Run it with
 * {@code mvn -B -q -Pdemo -pl examples -am package -DskipTests} (see the README), or run any one example's
 * {@code main} on its own.
 */
public final class Tour {
    private Tour() {
    }

    /** One stop of the tour: a heading and the example's {@code run(PrintStream)}. */
    record Stop(String heading, Example example) {
    }

    /** An example's {@code run(PrintStream)}. */
    @FunctionalInterface
    interface Example {
        void run(PrintStream out) throws Exception;
    }

    /** The stops, in the tutorial's order. */
    static final List<Stop> STOPS = List.of(
            new Stop("2. Goroutines: say(\"hello\") / say(\"world\") and the WaitGroup fix", SayHello::run),
            new Stop("2. Goroutines are cheap: 100 000 of them", ManyGoroutines::run),
            new Stop("3. An unbuffered channel synchronises", UnbufferedSync::run),
            new Stop("3. A buffered channel is a queue", BufferedQueue::run),
            new Stop("3. close, range, and v, ok", CloseAndRange::run),
            new Stop("4. select with default", SelectDefault::run),
            new Stop("4. select with a timeout", SelectTimeout::run),
            new Stop("5. sync.Mutex: a protected counter", MutexCounter::run),
            new Stop("5. sync.RWMutex: a read-heavy cache", RWMutexCache::run),
            new Stop("5. sync.Once: lazy configuration", OnceConfig::run),
            new Stop("5. sync.Cond: a bounded buffer", CondBoundedBuffer::run),
            new Stop("6.1 Worker pool", WorkerPool::run),
            new Stop("6.2 Fan-out / fan-in", FanOutFanIn::run),
            new Stop("6.3 Pipeline: gen -> sq", Pipeline::run),
            new Stop("6.4 Cancellation with a context", CancelWithContext::run),
            new Stop("6.4 Cancellation with a timeout", CancelWithTimeout::run),
            new Stop("9. The checklist, applied", Checklist::run),
            new Stop("Bridge: a Chanflow producer as a Reactor Flux", ChannelToFlux::run),
            new Stop("Bridge: an RxJava Flowable feeding goroutine workers", FlowableToChannel::run),
            new Stop("Bridge: java.util.concurrent.Flow both ways", FlowInterop::run));

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs every stop under its heading. */
    public static void run(PrintStream out) throws Exception {
        for (Stop stop : STOPS) {
            out.println();
            out.println("== " + stop.heading() + " ==");
            stop.example().run(out);
        }
        out.println();
        out.println("== done: " + STOPS.size() + " examples ==");
    }
}
