package io.chanflow.flow;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.test.CheckGoroutineLeaks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The single-value engine ({@link FlowChannels#value}), by contract. */
@CheckGoroutineLeaks
class ValuePublisherTest {

    @Test
    void theValueWaitsForDemandAndComesFromTheBodysGoroutine() throws Exception {
        AtomicReference<Thread> body = new AtomicReference<>();
        RecordingSubscriber<String> s = new RecordingSubscriber<>(0);
        FlowChannels.value(Context.background(), ctx -> {
            body.set(Thread.currentThread());
            return "v";
        }).subscribe(s);
        s.awaitSubscription();
        await().until(() -> body.get() != null);
        assertEquals(List.of(), s.items, "nothing before a request");
        assertEquals(0, s.completions.get());
        s.subscription.request(1);
        s.awaitTerminated();
        assertEquals(List.of("v"), s.items);
        assertEquals(1, s.completions.get());
        assertSame(body.get(), s.signalThread.get(), "signalled by the body's goroutine");
        assertEquals(List.of(), s.violations);
    }

    @Test
    void nullCompletesEmptyWithoutDemand() throws Exception { // §1.5
        RecordingSubscriber<String> s = new RecordingSubscriber<>(0);
        FlowChannels.<String>value(Context.background(), ctx -> null).subscribe(s);
        s.awaitTerminated();
        assertEquals(1, s.completions.get());
        assertEquals(List.of(), s.items);
    }

    @Test
    void aThrowingBodyFailsTheSubscriber() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        RecordingSubscriber<String> s = new RecordingSubscriber<>(1);
        FlowChannels.<String>value(Context.background(), ctx -> {
            throw boom;
        }).subscribe(s);
        s.awaitTerminated();
        assertSame(boom, s.error.get());
    }

    @Test
    void cancelCancelsTheBodysContextAndItsCancellationIsNotReported() throws Exception {
        List<Object> discarded = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Context> bodyCtx = new AtomicReference<>();
        RecordingSubscriber<String> s = new RecordingSubscriber<>(1);
        FlowChannels.<String>value(Context.background(), ChannelPublisherTest.discarding(discarded), ctx -> {
            bodyCtx.set(ctx);
            ctx.done().receiveOrClosed(); // blocks until the cancel
            throw ctx.err();
        }).subscribe(s);
        await().until(() -> bodyCtx.get() != null);
        s.subscription.cancel();
        await().until(() -> bodyCtx.get().err() != null);
        Leaks.awaitNoGoroutines();
        assertEquals(0, s.completions.get());
        assertEquals(null, s.error.get(), "nothing signalled after the cancel");
    }

    @Test
    void aValueReturnedAfterTheCancelIsDiscarded() throws Exception {
        List<Object> discarded = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch cancelled = new CountDownLatch(1);
        RecordingSubscriber<String> s = new RecordingSubscriber<>(1);
        FlowChannels.<String>value(Context.background(), ChannelPublisherTest.discarding(discarded), ctx -> {
            cancelled.await(10, TimeUnit.SECONDS);
            return "late";
        }).subscribe(s);
        s.awaitSubscription();
        s.subscription.cancel();
        cancelled.countDown();
        Leaks.awaitNoGoroutines();
        assertEquals(List.of("late"), discarded);
        assertEquals(List.of(), s.items);
    }

    @ParameterizedTest(name = "request({0})")
    @ValueSource(longs = {0, -1})
    void nonPositiveRequestSignalsIllegalArgumentAndCancelsTheBody(long n) throws Exception { // §3.9
        AtomicReference<Context> bodyCtx = new AtomicReference<>();
        RecordingSubscriber<String> s = new RecordingSubscriber<>(0);
        FlowChannels.<String>value(Context.background(), ctx -> {
            bodyCtx.set(ctx);
            ctx.done().receiveOrClosed();
            throw ctx.err();
        }).subscribe(s);
        await().until(() -> bodyCtx.get() != null);
        s.subscription.request(n);
        s.awaitTerminated();
        assertInstanceOf(IllegalArgumentException.class, s.error.get());
        assertTrue(s.error.get().getMessage().contains("3.9"), s.error.get().getMessage());
    }

    @Test
    void parentCancelledWhileTheValueWaitsForDemandFailsWithTheCause() throws Exception {
        CancelContext parent = Context.withCancel(Context.background());
        Channel<String> computed = Channel.make(1);
        RecordingSubscriber<String> s = new RecordingSubscriber<>(0);
        FlowChannels.value(parent, ctx -> {
            computed.send("v");
            return "v";
        }).subscribe(s);
        computed.receive();
        parent.cancel();
        s.awaitTerminated();
        assertSame(Context.CANCELED, s.error.get());
        assertEquals(List.of(), s.items);
    }

    @Test
    void theBodysContextIsCancelledWhenTheSubscriptionEnds() throws Exception {
        AtomicReference<Context> bodyCtx = new AtomicReference<>();
        RecordingSubscriber<String> s = new RecordingSubscriber<>(1);
        FlowChannels.value(Context.background(), ctx -> {
            bodyCtx.set(ctx);
            return "v";
        }).subscribe(s);
        s.awaitTerminated();
        await().until(() -> bodyCtx.get().err() != null); // Go's defer cancel()
    }
}
