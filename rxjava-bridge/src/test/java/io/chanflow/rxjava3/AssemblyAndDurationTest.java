package io.chanflow.rxjava3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.context.Context;
import io.chanflow.test.CheckGoroutineLeaks;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RxJava's assembly hooks see every source the bridge creates; the awaits' {@code Duration} overloads. */
@CheckGoroutineLeaks
class AssemblyAndDurationTest {
    @RegisterExtension
    final PluginErrors plugin = new PluginErrors(); // resets RxJavaPlugins after each test

    @Test
    void everyCreatedSourceGoesThroughOnAssembly() {
        List<Object> flowables = new CopyOnWriteArrayList<>();
        List<Object> others = new CopyOnWriteArrayList<>();
        RxJavaPlugins.setOnFlowableAssembly(f -> {
            flowables.add(f);
            return f;
        });
        RxJavaPlugins.setOnSingleAssembly(s -> {
            others.add(s);
            return s;
        });
        RxJavaPlugins.setOnMaybeAssembly(m -> {
            others.add(m);
            return m;
        });
        RxJavaPlugins.setOnCompletableAssembly(c -> {
            others.add(c);
            return c;
        });
        Flowable<Integer> a = RxChannels.flowable(Channel.<Integer>make(1));
        Flowable<Integer> b = RxChannels.flowable((ctx, out) -> out.send(1));
        Single<Integer> s = RxChannels.single(ctx -> 1);
        Maybe<Integer> m = RxChannels.maybe(ctx -> null);
        Completable c = RxChannels.completable(ctx -> { });
        assertTrue(flowables.contains(a), "flowable(channel): " + flowables);
        assertTrue(flowables.contains(b), "flowable(body): " + flowables);
        assertTrue(others.contains(s) && others.contains(m) && others.contains(c), others.toString());
        assertEquals(1, s.test().awaitDone(10, TimeUnit.SECONDS).values().get(0));
        m.test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();
        c.test().awaitDone(10, TimeUnit.SECONDS).assertComplete();
        b.test().awaitDone(10, TimeUnit.SECONDS).assertValue(1);
    }

    @Test
    void anAssemblyHookCanReplaceTheSource() throws Exception {
        RxJavaPlugins.setOnFlowableAssembly(f -> {
            @SuppressWarnings("unchecked")
            Flowable<Integer> ints = (Flowable<Integer>) (Flowable<?>) f;
            RxJavaPlugins.setOnFlowableAssembly(null); // the map below assembles a Flowable too
            return ints.map(x -> x * 10);
        });
        assertEquals(List.of(10, 20), RxChannels.awaitList(Context.background(),
                RxChannels.flowable((ctx, out) -> {
                    out.send(1);
                    out.send(2);
                })));
    }

    @Test
    void awaitsWithADurationThrowDeadlineExceededAndCancel() {
        Channel<Integer> never = Channel.make();
        assertSame(Context.DEADLINE_EXCEEDED, assertThrows(CancellationException.class,
                () -> RxChannels.awaitFirst(Context.background(), RxChannels.flowable(never), Duration.ofMillis(20))));
        assertSame(Context.DEADLINE_EXCEEDED, assertThrows(CancellationException.class,
                () -> RxChannels.await(Context.background(), Single.never(), Duration.ofMillis(20))));
        assertSame(Context.DEADLINE_EXCEEDED, assertThrows(CancellationException.class,
                () -> RxChannels.await(Context.background(), Completable.never(), Duration.ofMillis(20))));
    }

    @Test
    void awaitsWithADurationReturnWhatArrivesInTime() throws Exception {
        assertEquals(3, RxChannels.awaitLast(Context.background(), Flowable.range(1, 3), Duration.ofSeconds(10)));
        assertEquals(List.of(1, 2), RxChannels.awaitList(Context.background(), Flowable.range(1, 2),
                Duration.ofSeconds(10)));
        assertEquals(5, RxChannels.awaitFirstOrDefault(Context.background(), Flowable.<Integer>empty(), 5));
        assertEquals(null, RxChannels.awaitFirstOrNull(Context.background(), Flowable.<Integer>empty(),
                Duration.ofSeconds(10)));
        assertEquals(7, RxChannels.await(Context.background(), Maybe.just(7), Duration.ofSeconds(10)).orElseThrow());
    }
}
