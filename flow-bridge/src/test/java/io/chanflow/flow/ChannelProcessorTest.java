package io.chanflow.flow;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.context.CancelCauseContext;
import io.chanflow.context.Context;
import io.chanflow.test.CheckGoroutineLeaks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The processor: a channel in the middle of a chain, built from the subscriber and the publisher. */
@CheckGoroutineLeaks
class ChannelProcessorTest {

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 16})
    void passesEverythingThroughInOrder(int capacity) throws Exception {
        ChannelProcessor<Integer> proc = FlowChannels.processor(Context.background(), capacity);
        FlowChannels.<Integer>produce((ctx, out) -> {
            for (int i = 0; i < 1000; i++) {
                out.send(i);
            }
        }).subscribe((java.util.concurrent.Flow.Subscriber<Integer>) proc);
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        proc.subscribe(s);
        s.awaitTerminated();
        assertEquals(IntStream.range(0, 1000).boxed().toList(), s.items);
        assertEquals(1, s.completions.get());
        assertEquals(List.of(), s.violations);
    }

    @Test
    void upstreamDemandIsTheCapacityWhateverTheDownstreamAsks() throws Exception {
        ChannelProcessor<Integer> proc = FlowChannels.processor(Context.background(), 8);
        RecordingPublisher<Integer> up = new RecordingPublisher<>();
        up.subscribe(proc);
        assertEquals(List.of(8L), up.requests, "prefetch = capacity, before any downstream");
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        proc.subscribe(s);
        for (int i = 0; i < 6; i++) {
            up.next(i);
        }
        s.awaitItems(6);
        await().atMost(Duration.ofSeconds(10)).until(() -> up.requests.equals(List.of(8L, 6L)));
        up.complete();
        s.awaitTerminated();
    }

    @Test
    void downstreamCancelCancelsUpstream() throws Exception {
        ChannelProcessor<Integer> proc = FlowChannels.processor(Context.background(), 4);
        AtomicReference<Context> producerCtx = new AtomicReference<>();
        FlowChannels.<Integer>produce((ctx, out) -> {
            producerCtx.set(ctx);
            for (int i = 0; ; i++) {
                out.send(i);
            }
        }).subscribe((org.reactivestreams.Subscriber<Integer>) proc);
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(3);
        proc.subscribe(s);
        s.awaitItems(3);
        s.subscription.cancel();
        await().atMost(Duration.ofSeconds(10)).until(() -> producerCtx.get().err() != null);
        Leaks.awaitNoGoroutines();
    }

    @Test
    void upstreamErrorReachesDownstreamAfterTheBufferedElements() throws Exception {
        ChannelProcessor<Integer> proc = FlowChannels.processor(Context.background(), 4);
        RecordingPublisher<Integer> up = new RecordingPublisher<>();
        up.subscribe(proc);
        up.next(1);
        up.next(2);
        IllegalStateException boom = new IllegalStateException("boom");
        up.fail(boom);
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        proc.subscribe(s);
        s.awaitTerminated();
        assertEquals(List.of(1, 2), s.items);
        assertSame(boom, s.error.get());
    }

    @Test
    void parentCancellationCancelsUpstreamAndFailsDownstream() throws Exception {
        CancelCauseContext parent = Context.withCancelCause(Context.background());
        ChannelProcessor<Integer> proc = FlowChannels.processor(parent, 4);
        RecordingPublisher<Integer> up = new RecordingPublisher<>();
        up.subscribe(proc);
        RecordingSubscriber<Integer> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        proc.subscribe(s);
        s.awaitSubscription();
        IllegalStateException why = new IllegalStateException("shutdown");
        parent.cancel(why);
        s.awaitTerminated();
        assertSame(why, s.error.get());
        await().atMost(Duration.ofSeconds(10)).until(() -> up.cancelled);
    }

    @Test
    void aSecondDownstreamIsRejected() throws Exception {
        ChannelProcessor<Integer> proc = FlowChannels.processor(Context.background(), 4);
        RecordingPublisher<Integer> up = new RecordingPublisher<>();
        up.subscribe(proc);
        RecordingSubscriber<Integer> first = new RecordingSubscriber<>(1);
        proc.subscribe(first);
        first.awaitSubscription();
        RecordingSubscriber<Integer> second = new RecordingSubscriber<>(1);
        proc.subscribe(second);
        second.awaitTerminated();
        assertInstanceOf(IllegalStateException.class, second.error.get());
        up.complete();
        first.awaitTerminated();
        assertTrue(first.error.get() == null);
    }
}
