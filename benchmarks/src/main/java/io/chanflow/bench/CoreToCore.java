package io.chanflow.bench;

import java.util.Locale;

/**
 * How long a cache line takes to go from one core to another and back on this machine right now: two platform
 * threads pass a counter back and forth through two volatile fields, each spinning until the other's write arrives.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.chanflow.bench.CoreToCore [seconds]
 * </pre>
 *
 * <h2>Why</h2>
 * Every two-carrier row of the benchmarks moves cache lines between the two cores for each element (a channel's lock
 * and queue, the waiting node, a ring slot), for every contender. On a virtual machine that cost is set by where the
 * host placed the two virtual CPUs, and it changes within the hour: on the project's 2-core VM one session measured
 * round trips from about 105 to 555 ns, and Chanflow's two-carrier rows 1.8–3 times slower than in the session
 * before. The rows' ratios moved much less, but not all equally (see the main README), so {@link Interleaved} prints
 * this figure before and after its rows, and a table should say what it was when it was measured.
 *
 * <p>The figure is one round trip: the line with the first field goes to the other core and the line with the second
 * comes back. Each field sits in an object of its own, padded to more than two cache lines, so the two fields never
 * share a line and each write moves only its own. Run it on an otherwise idle machine: with a third busy thread the
 * OS may deschedule one of the spinners.
 */
public final class CoreToCore {
    private CoreToCore() {
    }

    /** A counter on a cache line of its own, written by one thread and read by the other. */
    private static final class Line {
        @SuppressWarnings("unused")
        long p0, p1, p2, p3, p4, p5, p6, p7;
        volatile long value;
        @SuppressWarnings("unused")
        long q0, q1, q2, q3, q4, q5, q6, q7;
    }

    public static void main(String[] args) throws InterruptedException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        for (int i = 0; i < seconds; i++) {
            System.out.printf(Locale.ROOT, "core-to-core round trip: %.0f ns%n", roundTripNanos(1_000_000_000L));
        }
    }

    /**
     * Passes a counter back and forth between this thread and a second platform thread for about {@code nanos}, after
     * a short warm-up, and returns the mean nanoseconds per round trip.
     */
    static double roundTripNanos(long nanos) throws InterruptedException {
        Line ping = new Line();
        Line pong = new Line();
        Thread echo = new Thread(() -> {
            long seen = 0;
            for (;;) {
                long v;
                while ((v = ping.value) == seen) {
                    Thread.onSpinWait();
                }
                seen = v;
                pong.value = v;
                if (v < 0) {
                    return; // the stop signal, echoed so that the sender's last wait ends
                }
            }
        }, "core-to-core echo");
        echo.setDaemon(true);
        echo.start();
        long n = 0;
        long start = 0;
        long warmupEnd = System.nanoTime() + nanos / 10;
        boolean warm = false;
        for (;;) {
            for (int i = 0; i < 1_000; i++) {
                long v = ++n;
                ping.value = v;
                while (pong.value != v) {
                    Thread.onSpinWait();
                }
            }
            long now = System.nanoTime();
            if (!warm && now >= warmupEnd) {
                warm = true;
                n = 0;
                ping.value = 0; // the echo sees a new value next, whatever n restarts at
                while (pong.value != 0) {
                    Thread.onSpinWait();
                }
                start = System.nanoTime();
            } else if (warm && now - start >= nanos) {
                double perTrip = (double) (now - start) / n;
                ping.value = -1;
                echo.join();
                return perTrip;
            }
        }
    }
}
