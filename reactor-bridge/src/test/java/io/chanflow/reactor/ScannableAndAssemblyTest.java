package io.chanflow.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.test.CheckGoroutineLeaks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.Scannable.Attr;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

/** What a Reactor user expects of a publisher: {@link Scannable}, a name, and assembly hooks that see the sources. */
@CheckGoroutineLeaks
class ScannableAndAssemblyTest {

    /** Subscribes a subscriber that requests nothing by itself and records its subscription and signals. */
    static final class Probe<T> implements CoreSubscriber<T> {
        final AtomicReference<Subscription> subscription = new AtomicReference<>();
        final List<T> items = new CopyOnWriteArrayList<>();
        volatile boolean done;

        @Override
        public void onSubscribe(Subscription s) {
            subscription.set(s);
        }

        @Override
        public void onNext(T t) {
            items.add(t);
        }

        @Override
        public void onError(Throwable t) {
            done = true;
        }

        @Override
        public void onComplete() {
            done = true;
        }

        Scannable scan() {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> subscription.get() != null);
            return Scannable.from(subscription.get());
        }
    }

    @Nested
    class ChannelFluxScans {
        @ParameterizedTest(name = "capacity {0}")
        @ValueSource(ints = {0, 1, 8, 256})
        void theFluxReportsTheChannelsLenCapAndRunStyle(int capacity) throws InterruptedException {
            Channel<Integer> ch = Channel.make(capacity);
            for (int i = 0; i < Math.min(capacity, 3); i++) {
                ch.send(i);
            }
            Flux<Integer> flux = ReactorChannels.flux(ch);
            Scannable s = Scannable.from(flux);
            assertTrue(s.isScanAvailable());
            assertEquals(Math.min(capacity, 3), s.scan(Attr.BUFFERED));
            assertEquals(capacity, s.scan(Attr.PREFETCH));
            assertEquals(Attr.RunStyle.ASYNC, s.scan(Attr.RUN_STYLE));
            assertNull(s.scanUnsafe(Attr.PARENT), "a source has no parent");
            assertTrue(s.name().contains(ch.toString()), s.name());
            assertTrue(flux.toString().contains(ch.toString()), flux.toString());
        }

        @ParameterizedTest(name = "capacity {0}")
        @ValueSource(ints = {1, 8, 256})
        void theSubscriptionReportsItsStateFromSubscribeToCancel(int capacity) throws InterruptedException {
            Channel<Integer> ch = Channel.make(capacity);
            ch.send(1);
            Flux<Integer> flux = ReactorChannels.flux(ch);
            Probe<Integer> probe = new Probe<>();
            flux.subscribe(probe);
            Scannable s = probe.scan();

            assertTrue(s.isScanAvailable());
            assertSame(probe, s.scanUnsafe(Attr.ACTUAL));
            assertSame(flux, s.scanUnsafe(Attr.PARENT));
            assertEquals(Attr.RunStyle.ASYNC, s.scan(Attr.RUN_STYLE));
            assertEquals(capacity, s.scan(Attr.PREFETCH));
            assertEquals(1, s.scan(Attr.BUFFERED));
            assertEquals(0L, s.scan(Attr.REQUESTED_FROM_DOWNSTREAM));
            assertEquals(false, s.scan(Attr.CANCELLED));
            assertEquals(false, s.scan(Attr.TERMINATED));
            assertTrue(s.parents().anyMatch(p -> p == flux), "the subscription's parents lead to its Flux");
            assertTrue(probe.subscription.get().toString().contains(ch.toString()));

            probe.subscription.get().request(5);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> probe.items.size() == 1);
            assertEquals(0, s.scan(Attr.BUFFERED), "the element left the channel");
            assertEquals(4L, s.scan(Attr.REQUESTED_FROM_DOWNSTREAM), "5 requested, 1 signalled");

            probe.subscription.get().cancel();
            assertEquals(true, s.scan(Attr.CANCELLED));
            assertEquals(false, s.scan(Attr.TERMINATED));
        }

        @Test
        void aClosedChannelTerminatesTheSubscription() {
            Channel<Integer> ch = Channel.make(1);
            Probe<Integer> probe = new Probe<>();
            ReactorChannels.flux(ch).subscribe(probe);
            Scannable s = probe.scan();
            ch.close();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> probe.done);
            assertEquals(true, s.scan(Attr.TERMINATED));
            assertEquals(false, s.scan(Attr.CANCELLED));
        }

        @Test
        void unboundedDemandIsReportedAsLongMaxValue() {
            Channel<Integer> ch = Channel.make(4);
            Probe<Integer> probe = new Probe<>();
            ReactorChannels.flux(ch).subscribe(probe);
            Scannable s = probe.scan();
            probe.subscription.get().request(Long.MAX_VALUE);
            assertEquals(Long.MAX_VALUE, s.scan(Attr.REQUESTED_FROM_DOWNSTREAM));
            ch.close();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> probe.done);
        }

        @Test
        void operatorsAboveTheSourceNameIt() {
            Channel<Integer> ch = Channel.make(2);
            Flux<String> chain = ReactorChannels.flux(ch).map(String::valueOf).filter(x -> !x.isEmpty());
            List<String> steps = Scannable.from(chain).steps().collect(Collectors.toList());
            assertEquals("ChannelFlux[" + ch + "]", steps.get(0), steps.toString());
        }
    }

    @Nested
    class BuilderScans {
        @ParameterizedTest(name = "capacity {0}")
        @ValueSource(ints = {0, 4, 64})
        void aProducerFluxReportsItsCapacityAndEachSubscriptionItsOwnBuffer(int capacity) {
            Flux<Integer> flux = ReactorChannels.flux(capacity, (ctx, out) -> {
                for (int i = 0; ; i++) {
                    out.send(i);
                }
            });
            Scannable fs = Scannable.from(flux);
            assertEquals(capacity, fs.scan(Attr.PREFETCH));
            assertEquals(Attr.RunStyle.ASYNC, fs.scan(Attr.RUN_STYLE));
            assertTrue(fs.name().startsWith("ProducerFlux[cap " + capacity), fs.name());

            Probe<Integer> probe = new Probe<>();
            flux.subscribe(probe);
            Scannable s = probe.scan();
            assertSame(flux, s.scanUnsafe(Attr.PARENT));
            assertSame(probe, s.scanUnsafe(Attr.ACTUAL));
            assertEquals(capacity, s.scan(Attr.PREFETCH));
            // No demand: the body fills its channel and blocks; the subscription's buffer is that channel's len.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> capacity == (Integer) s.scan(Attr.BUFFERED));
            probe.subscription.get().cancel();
            assertEquals(true, s.scan(Attr.CANCELLED));
        }

        @Test
        void aMonoAndItsSubscriptionScan() {
            Mono<String> mono = ReactorChannels.mono(ctx -> "v");
            Scannable ms = Scannable.from(mono);
            assertTrue(ms.isScanAvailable());
            assertEquals(Attr.RunStyle.ASYNC, ms.scan(Attr.RUN_STYLE));

            Probe<String> probe = new Probe<>();
            mono.subscribe(probe);
            Scannable s = probe.scan();
            assertSame(mono, s.scanUnsafe(Attr.PARENT));
            assertSame(probe, s.scanUnsafe(Attr.ACTUAL));
            assertNull(s.scanUnsafe(Attr.BUFFERED), "a Mono has no channel");
            assertNull(s.scanUnsafe(Attr.PREFETCH));
            probe.subscription.get().request(1);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> probe.done);
            assertEquals(List.of("v"), probe.items);
            assertEquals(true, s.scan(Attr.TERMINATED));
        }
    }

    @Nested
    class AssemblyHooks {
        @Test
        void onEachOperatorSeesEverySourceTheBridgeCreates() {
            List<Publisher<?>> seen = new CopyOnWriteArrayList<>();
            Hooks.onEachOperator("chanflow-test", p -> {
                seen.add(p);
                return p;
            });
            try {
                Channel<Integer> ch = Channel.make(1);
                Flux<Integer> channelFlux = ReactorChannels.flux(ch);
                Flux<Integer> producerFlux = ReactorChannels.flux((ctx, out) -> out.send(1));
                Mono<Integer> mono = ReactorChannels.mono(ctx -> 1);
                assertTrue(seen.contains(channelFlux), seen.toString());
                assertTrue(seen.contains(producerFlux), seen.toString());
                assertTrue(seen.contains(mono), seen.toString());
            } finally {
                Hooks.resetOnEachOperator("chanflow-test");
            }
        }

        @Test
        void anOnEachOperatorHookCanDecorateTheSource() {
            Hooks.onEachOperator("chanflow-test", p -> p instanceof ChannelFlux<?> f ? f.map(x -> (Object) ("hooked " + x)) : p);
            try {
                Channel<Integer> ch = Channel.make(1);
                ch.trySend(7);
                ch.close();
                assertEquals(List.of("hooked 7"), new ArrayList<>(ReactorChannels.flux(ch).collectList().block()));
            } finally {
                Hooks.resetOnEachOperator("chanflow-test");
            }
        }

        @Test
        void checkpointDescribesAnErrorFromTheChannel() {
            Channel<Integer> ch = Channel.make(1);
            ch.close(new IllegalStateException("upstream broke"));
            Throwable error = ReactorChannels.flux(ch).checkpoint("orders from the pipeline")
                    .materialize().blockLast().getThrowable();
            assertInstanceOf(IllegalStateException.class, error);
            assertTrue(trace(error).contains("orders from the pipeline"), trace(error));
        }

        @Test
        void operatorDebugNamesTheChannelFluxInTheTraceback() {
            Hooks.onOperatorDebug();
            try {
                Channel<Integer> ch = Channel.make(1);
                ch.close(new IllegalStateException("upstream broke"));
                Throwable error = ReactorChannels.flux(ch).map(x -> x + 1).materialize().blockLast().getThrowable();
                String trace = trace(error);
                // Reactor names the first frame outside its own packages: the bridge's source, not the caller's line
                // (a checkpoint() right after flux(...) names that).
                assertTrue(trace.contains("Assembly trace from producer [io.chanflow.reactor.ChannelFlux]"), trace);
                assertTrue(trace.contains("Error has been observed at the following site(s)"), trace);
            } finally {
                Hooks.resetOnOperatorDebug();
            }
        }

        private static String trace(Throwable t) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            return w.toString();
        }
    }
}
