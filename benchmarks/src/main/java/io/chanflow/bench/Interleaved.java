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
 * a fast minute, and JMH's error bars, which must span both, overlap on most rows. Here each round runs one
 * invocation of every contender back to back (a few milliseconds each, in an order rotated from round to round), so
 * the contenders of a round share the machine's state of that moment, and the ratio of their times within a round
 * is what is compared. The median of those per-round ratios, with its quartiles, is the verdict: a row is decided
 * when the quartiles of the ratio lie on one side of 1.
 *
 * <h2>Method</h2>
 * The workloads are the JMH benchmarks' own methods ({@link UnbufferedBenchmark#oneWay},
 * {@link PingPongBenchmark#roundTrip}, ...), called on an instance set up as JMH would for each contender, so they
 * move the same {@value Items#COUNT} items with the same checksum. Every contender first runs
 * {@value #WARMUP_ROUNDS} unreported rounds, so the JIT has compiled it before the measured rounds start. Times are
 * nanoseconds per item, from {@link System#nanoTime()} around one invocation; the ratio is a peer's time divided by
 * Chanflow's in the same round (above 1: Chanflow is faster).
 */
public final class Interleaved {
    private static final int WARMUP_ROUNDS = 10;

    private Interleaved() {
    }

    /** One contender of a row: its name and one invocation of its workload. */
    private record Contender(String name, Callable<Long> invocation) {
    }

    /** A row: its name and its contenders, Chanflow first. */
    private record Row(String name, List<Contender> contenders) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Pattern only = Pattern.compile(args.length > 1 ? args[1] : ".*");
        System.out.printf(Locale.ROOT, "%d measured rounds per row; ns per item, median [quartiles]; "
                + "ratio = peer / Chanflow in the same round (> 1: Chanflow faster)%n", rounds);
        for (Row row : rows()) {
            if (only.matcher(row.name()).find()) {
                report(row, measure(row, rounds));
            }
        }
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
        return rows;
    }

    /** Sets up a workload for one contender. */
    @FunctionalInterface
    private interface Setup {
        Callable<Long> forContender(String contender);
    }

    private static Row row(String name, String[] contenders, Setup setup) {
        List<Contender> cs = new ArrayList<>();
        for (String c : contenders) {
            cs.add(new Contender(c, setup.forContender(c)));
        }
        return new Row(name, cs);
    }

    /** Runs the rounds; returns {@code [contender][round]} in ns per item. */
    private static double[][] measure(Row row, int rounds) throws Exception {
        List<Contender> cs = row.contenders();
        int k = cs.size();
        double[][] nsPerItem = new double[k][rounds];
        for (int r = -WARMUP_ROUNDS; r < rounds; r++) {
            for (int j = 0; j < k; j++) {
                int i = Math.floorMod(j + r, k); // rotate who goes first, so no contender always follows another
                long start = System.nanoTime();
                cs.get(i).invocation().call(); // verifies its checksum, or throws
                long elapsed = System.nanoTime() - start;
                if (r >= 0) {
                    nsPerItem[i][r] = (double) elapsed / Items.COUNT;
                }
            }
        }
        return nsPerItem;
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
