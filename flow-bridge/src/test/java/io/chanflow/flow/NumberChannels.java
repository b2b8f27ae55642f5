package io.chanflow.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Channels of numbers for the bridges' operator tests (Reactor's and RxJava's {@code OperatorsTest}, which get it
 * through this module's test jar): a fixed run {@code from..to} ({@link Finite}) and an endless feed
 * {@code 0, 1, 2, ...} ({@link Endless}), with the exactly-once check the tests end on.
 */
public final class NumberChannels {
    private NumberChannels() {
    }

    /** {@code from..to} (both included), as a list. */
    public static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    /**
     * Asserts that the {@code parts} together hold every element of {@code expected} exactly once: no element lost,
     * none twice, nothing else.
     */
    @SafeVarargs
    public static void assertExactlyOnce(List<Integer> expected, List<? extends Integer>... parts) {
        List<Integer> all = new ArrayList<>();
        for (List<? extends Integer> part : parts) {
            all.addAll(part);
        }
        Set<Integer> seen = new HashSet<>();
        for (Integer v : all) {
            assertTrue(seen.add(v), "twice: " + v + " in " + List.of(parts));
        }
        assertEquals(new HashSet<>(expected), seen, "every element exactly once: " + List.of(parts));
    }

    /** {@code from..to} on a channel of {@code capacity}; see {@link Finite}. */
    public static Finite finite(int capacity, int from, int to) {
        return new Finite(capacity, from, to);
    }

    /** {@code 1..n} on a channel of {@code capacity}; see {@link Finite}. */
    public static Finite finite(int capacity, int n) {
        return finite(capacity, 1, n);
    }

    /** An endless feed on a channel of {@code capacity}; see {@link Endless}. */
    public static Endless endless(int capacity) {
        return new Endless(capacity);
    }

    /**
     * A channel of {@code from..to}: sent up front when they fit in its buffer (the channel then stays open until
     * {@link #closeWhenSent()}), otherwise sent in order by a goroutine that closes the channel after the last.
     */
    public static final class Finite {
        public final Channel<Integer> channel;
        public final List<Integer> all;
        private final boolean prefilled;

        private Finite(int capacity, int from, int to) {
            channel = Channel.make(capacity);
            all = range(from, to);
            prefilled = all.size() <= capacity;
            if (prefilled) {
                for (Integer v : all) {
                    assertTrue(channel.trySend(v));
                }
            } else {
                Go.go(() -> {
                    for (Integer v : all) {
                        channel.send(v);
                    }
                    channel.close();
                });
            }
        }

        /** Closes the channel after its last element: now if they were sent up front, else its goroutine does. */
        public void closeWhenSent() {
            if (prefilled) {
                channel.close();
            }
        }

        @Override
        public String toString() {
            return (prefilled ? "prefilled " : "fed ") + channel;
        }
    }

    /**
     * A channel a goroutine sends {@code 0, 1, 2, ...} on, until {@link #stop()}: that cancels its context (a
     * blocked send then fails: that element was not sent) and closes the channel, so what is left in it can be
     * collected.
     */
    public static final class Endless {
        public final Channel<Integer> channel;
        private final CancelContext ctx = Context.withCancel(Context.background());
        private final AtomicInteger sent = new AtomicInteger();
        private final CountDownLatch closed = new CountDownLatch(1);

        private Endless(int capacity) {
            channel = Channel.make(capacity);
            Go.go(ctx, c -> {
                try {
                    for (int i = 0; ; i++) {
                        channel.send(c, i);
                        sent.set(i + 1);
                    }
                } finally {
                    channel.close();
                    closed.countDown();
                }
            });
        }

        /** Stops the feed and closes the channel; returns how many elements were sent: {@code 0..n-1}. */
        public int stop() throws InterruptedException {
            ctx.cancel();
            assertTrue(closed.await(10, TimeUnit.SECONDS), "the feeder did not stop");
            return sent.get();
        }
    }
}
