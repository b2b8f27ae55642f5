package io.chanflow.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.test.CheckGoroutineLeaks;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Hooks;
import reactor.util.context.Context;

/**
 * With {@code io.micrometer:context-propagation} and {@link Hooks#enableAutomaticContextPropagation()}, a value in the
 * subscriber's Reactor context is a {@code ThreadLocal} in the bridge's goroutines: the producer body, the mono body
 * and the emitter's {@code onNext}.
 */
@CheckGoroutineLeaks
class ContextPropagationTest {
    /** A tracing-style {@code ThreadLocal}, as an MDC or a tracer keeps one. */
    static final ThreadLocal<String> TRACE_ID = new ThreadLocal<>();

    /** A real accessor, registered as a tracing library registers its own. */
    static final class TraceIdAccessor implements ThreadLocalAccessor<String> {
        static final String KEY = "chanflow.test.traceId";

        @Override
        public Object key() {
            return KEY;
        }

        @Override
        public String getValue() {
            return TRACE_ID.get();
        }

        @Override
        public void setValue(String value) {
            TRACE_ID.set(value);
        }

        @Override
        public void setValue() {
            TRACE_ID.remove();
        }
    }

    @BeforeEach
    void enable() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(new TraceIdAccessor());
        Hooks.enableAutomaticContextPropagation();
    }

    @AfterEach
    void disable() {
        Hooks.disableAutomaticContextPropagation();
        ContextRegistry.getInstance().removeThreadLocalAccessor(TraceIdAccessor.KEY);
    }

    @Test
    void aProducerBodySeesTheSubscribersEntryAsAThreadLocal() {
        List<String> seen = ReactorChannels.<String>flux((ctx, out) -> {
                    out.send("body " + TRACE_ID.get());
                    out.send("virtual " + Thread.currentThread().isVirtual());
                })
                .contextWrite(Context.of(TraceIdAccessor.KEY, "trace-42"))
                .collectList()
                .block(Duration.ofSeconds(10));
        assertEquals(List.of("body trace-42", "virtual true"), seen);
    }

    @Test
    void aMonoBodySeesIt() {
        String seen = ReactorChannels.mono(ctx -> "mono " + TRACE_ID.get())
                .contextWrite(Context.of(TraceIdAccessor.KEY, "trace-7"))
                .block(Duration.ofSeconds(10));
        assertEquals("mono trace-7", seen);
    }

    @Test
    void theEmittersOnNextSeesItForAChannelFluxAndAProducerFlux() throws InterruptedException {
        Channel<Integer> ch = Channel.make(3);
        for (int i = 0; i < 3; i++) {
            ch.send(i);
        }
        ch.close();
        assertEquals(List.of("trace-ch", "trace-ch", "trace-ch"),
                onNextThreadLocals(ReactorChannels.flux(ch), "trace-ch"));
        assertEquals(List.of("trace-p", "trace-p"),
                onNextThreadLocals(ReactorChannels.flux((ctx, out) -> {
                    out.send(1);
                    out.send(2);
                }), "trace-p"));
    }

    @Test
    void eachSubscriberGetsItsOwnValue() {
        var flux = ReactorChannels.<String>flux((ctx, out) -> out.send(TRACE_ID.get()));
        for (int i = 0; i < 20; i++) {
            assertEquals("trace-" + i,
                    flux.contextWrite(Context.of(TraceIdAccessor.KEY, "trace-" + i)).blockFirst(Duration.ofSeconds(10)));
        }
    }

    @Test
    void withPropagationOffTheGoroutinesSeeNothing() {
        Hooks.disableAutomaticContextPropagation();
        String seen = ReactorChannels.mono(ctx -> String.valueOf(TRACE_ID.get()))
                .contextWrite(Context.of(TraceIdAccessor.KEY, "trace-42"))
                .block(Duration.ofSeconds(10));
        assertEquals("null", seen);
    }

    /** Subscribes a plain subscriber whose Reactor context holds {@code traceId}; what its onNext saw. */
    private static <T> List<String> onNextThreadLocals(org.reactivestreams.Publisher<T> flux, String traceId)
            throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        flux.subscribe(new CoreSubscriber<T>() {
            @Override
            public Context currentContext() {
                return Context.of(TraceIdAccessor.KEY, traceId);
            }

            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(T t) {
                seen.add(TRACE_ID.get());
            }

            @Override
            public void onError(Throwable t) {
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        assertTrue(done.await(10, java.util.concurrent.TimeUnit.SECONDS));
        return new ArrayList<>(seen);
    }
}
