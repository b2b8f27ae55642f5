package io.chanflow.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * The channel rows of the JMH benchmarks, run with their contenders taking turns in one JVM: paired ratios that the
 * noise of a shared machine does not swamp.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.chanflow.bench.Interleaved [rounds] [row regexp]
 * </pre>
 *
 * <h2>Why</h2>
 * JMH runs one contender's forks, then the next one's. On the project's 2-core virtual machine the speed of the
 * whole machine drifts by 2–3× over tens of seconds, so a contender measured in a slow minute loses to one measured in
 * a fast minute, and JMH's error bars, which must span both, overlap on most rows. Here each round runs every
 * contender back to back, about 20 ms each, in an order rotated from round to round, so the contenders of a round
 * share the machine's state of that moment, and the ratio of their times within a round is what is compared. The
 * median of those per-round ratios, with its quartiles, is the verdict: a row is decided when the quartiles of the
 * ratio lie on one side of 1.
 *
 * <h2>Method</h2>
 * The workloads are the JMH benchmarks' own methods ({@link UnbufferedBenchmark#oneWay},
 * {@link PingPongBenchmark#roundTrip}, ..., and the bridge benchmarks' with the same contender names), called on an
 * instance set up as JMH would for each contender, so they move the same items with the same checksum. A row first
 * runs unreported rounds for three seconds, so the JIT has compiled every contender before the measured rounds start
 * (JMH warms each for three seconds too). Times are nanoseconds per item, from {@link System#nanoTime()} around a
 * contender's invocations of a round; the ratio is a peer's time divided by Chanflow's in the same round (above 1:
 * Chanflow is faster). The machine's core-to-core round trip ({@link CoreToCore}) is measured for a second before
 * the rows and after them, and printed: it sets how fast every two-carrier row can be.
 */
public final class Interleaved {
    private static final int WARMUP_ROUNDS = 10;
    private static final long WARMUP_NANOS = 3_000_000_000L;
    private static final long ROUND_NANOS = 20_000_000L;

    private Interleaved() {
    }

    /** One contender of a row: its name and one invocation of its workload. */
    private record Contender(String name, Callable<Long> invocation) {
    }

    /** A row: its name and its contenders, Chanflow (or Chanflow's bridge) first. */
    private record Row(String name, int items, List<Contender> contenders) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Pattern only = Pattern.compile(args.length > 1 ? args[1] : ".*");
        System.out.printf(Locale.ROOT, "%d measured rounds per row; ns per item, median [quartiles]; "
                + "ratio = peer / Chanflow in the same round (> 1: Chanflow faster)%n", rounds);
        double before = CoreToCore.roundTripNanos(1_000_000_000L);
        System.out.printf(Locale.ROOT, "core-to-core round trip before: %.0f ns (see CoreToCore)%n", before);
        for (Row row : rows()) {
            if (only.matcher(row.name()).find()) {
                report(row, measure(row, rounds));
            }
        }
        double after = CoreToCore.roundTripNanos(1_000_000_000L);
        System.out.printf(Locale.ROOT, "core-to-core round trip after: %.0f ns%n", after);
    }

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(row("unbuffered, one way", new String[] {"chanflow", "jox", "sq", "ltq"}, c -> {
            UnbufferedBenchmark b = new UnbufferedBenchmark();
            b.contender = c;
            b.setUp();
            return b::oneWay;
        }));
        rows.add(row("ping-pong round trip", new String[] {"chanflow", "jox", "sq"}, c -> {
            PingPongBenchmark b = new PingPongBenchmark();
            b.contender = c;
            b.setUp();
            return b::roundTrip;
        }));
        for (int capacity : new int[] {16, 1024}) {
            rows.add(row("buffered " + capacity + ", 1 -> 1", new String[] {"chanflow", "jox", "abq"}, c -> {
                BufferedBenchmark b = new BufferedBenchmark();
                b.contender = c;
                b.capacity = capacity;
                b.setUp();
                return b::spsc;
            }));
        }
        rows.add(row("buffered 1024, 4 -> 4", new String[] {"chanflow", "jox", "abq"}, c -> {
            MpmcBenchmark b = new MpmcBenchmark();
            b.contender = c;
            b.setUp();
            return b::fourByFour;
        }));
        for (int capacity : new int[] {0, 16}) {
            rows.add(row("select over 2 " + (capacity == 0 ? "unbuffered" : "buffered(16)"),
                    new String[] {"chanflow", "jox"}, c -> {
                        SelectBenchmark b = new SelectBenchmark();
                        b.contender = c;
                        b.capacity = capacity;
                        b.setUp();
                        return b::selectOverTwo;
                    }));
        }
        // The bridges: the Chanflow form first, then what a Reactor / RxJava / JDK user would write instead.
        rows.add(row("Reactor: publish 256", FlowBridge.ITEMS, new String[] {"flux-256", "flux-create"}, c -> {
            ReactorBridgeBenchmark b = new ReactorBridgeBenchmark();
            b.contender = c;
            b.setUp();
            return b::run;
        }));
        rows.add(row("Reactor: consume a Flux", FlowBridge.ITEMS, new String[] {"toChannel", "toIterable"}, c -> {
            ReactorBridgeBenchmark b = new ReactorBridgeBenchmark();
            b.contender = c;
            b.setUp();
            return b::run;
        }));
        rows.add(row("RxJava: publish 256", FlowBridge.ITEMS, new String[] {"flowable-256", "create-buffer"}, c -> {
            RxJavaBridgeBenchmark b = new RxJavaBridgeBenchmark();
            b.contender = c;
            b.setUp();
            return b::run;
        }));
        rows.add(row("RxJava: consume a Flowable", FlowBridge.ITEMS, new String[] {"channel", "blockingIterable"}, c -> {
            RxJavaBridgeBenchmark b = new RxJavaBridgeBenchmark();
            b.contender = c;
            b.setUp();
            return b::run;
        }));
        rows.add(row("Flow: publish 256", FlowBridge.ITEMS, new String[] {"produce-256", "flux-create", "submission"}, c -> {
            FlowBridgePublishBenchmark b = new FlowBridgePublishBenchmark();
            b.contender = c;
            b.setUp();
            return b::publish;
        }));
        rows.add(row("Flow: consume a Flux", FlowBridge.ITEMS, new String[] {"channel", "toIterable"}, c -> {
            FlowBridgeConsumeBenchmark b = new FlowBridgeConsumeBenchmark();
            b.contender = c;
            b.setUp();
            return b::consume;
        }));
        return rows;
    }

    /** Sets up a workload for one contender. */
    @FunctionalInterface
    private interface Setup {
        Callable<Long> forContender(String contender);
    }

    /** A channel row: {@value Items#COUNT} items per invocation. */
    private static Row row(String name, String[] contenders, Setup setup) {
        return row(name, Items.COUNT, contenders, setup);
    }

    private static Row row(String name, int items, String[] contenders, Setup setup) {
        List<Contender> cs = new ArrayList<>();
        for (String c : contenders) {
            cs.add(new Contender(c, setup.forContender(c)));
        }
        return new Row(name, items, cs);
    }

    /**
     * Runs the rounds; returns {@code [contender][round]} in ns per item. Warm-up rounds run for
     * {@value #WARMUP_NANOS} ns in all (at least {@value #WARMUP_ROUNDS} of them); the last one sets how many
     * invocations each contender makes per measured round, about {@value #ROUND_NANOS} ns' worth, so that a
     * fast contender's round is not one short invocation dominated by starting its threads.
     */
    private static double[][] measure(Row row, int rounds) throws Exception {
        List<Contender> cs = row.contenders();
        int k = cs.size();
        int[] reps = new int[k];
        Arrays.fill(reps, 1);
        long warmupEnd = System.nanoTime() + WARMUP_NANOS;
        for (int r = 0; r < WARMUP_ROUNDS || System.nanoTime() < warmupEnd; r++) {
            for (int i = 0; i < k; i++) {
                long t = time(cs.get(i), 1);
                reps[i] = (int) Math.max(1, ROUND_NANOS / Math.max(1, t));
            }
        }
        double[][] nsPerItem = new double[k][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < k; j++) {
                int i = (j + r) % k; // rotate who goes first, so no contender always follows another
                nsPerItem[i][r] = (double) time(cs.get(i), reps[i]) / ((long) reps[i] * row.items());
            }
        }
        return nsPerItem;
    }

    /** Nanoseconds for {@code reps} invocations; each verifies its checksum, or throws. */
    private static long time(Contender c, int reps) throws Exception {
        long start = System.nanoTime();
        for (int n = 0; n < reps; n++) {
            c.invocation().call();
        }
        return System.nanoTime() - start;
    }

    private static void report(Row row, double[][] nsPerItem) {
        List<Contender> cs = row.contenders();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s", row.name()));
        for (int i = 0; i < cs.size(); i++) {
            double[] q = quartiles(nsPerItem[i]);
            line.append(String.format(Locale.ROOT, "  %s %.0f [%.0f-%.0f]", cs.get(i).name(), q[1], q[0], q[2]));
        }
        System.out.println(line);
        for (int i = 1; i < cs.size(); i++) {
            double[] ratio = new double[nsPerItem[0].length];
            for (int r = 0; r < ratio.length; r++) {
                ratio[r] = nsPerItem[i][r] / nsPerItem[0][r];
            }
            double[] q = quartiles(ratio);
            String verdict = q[0] > 1 ? "Chanflow ahead" : q[2] < 1 ? "Chanflow behind" : "tie";
            System.out.printf(Locale.ROOT, "%-28s    %s / chanflow = %.2f [%.2f-%.2f]  %s%n", "", cs.get(i).name(),
                    q[1], q[0], q[2], verdict);
        }
    }

    /** The first quartile, the median and the third quartile of {@code xs} (nearest rank). */
    private static double[] quartiles(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return new double[] {s[(n - 1) / 4], s[(n - 1) / 2], s[(3 * (n - 1)) / 4]};
    }
}
