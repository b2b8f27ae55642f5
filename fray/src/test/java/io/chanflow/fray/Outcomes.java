package io.chanflow.fray;

import java.util.Map;
import java.util.TreeMap;

/**
 * How often each outcome of each race was seen across the explored schedules, printed after each test class: the
 * evidence that both sides of every race were reached (Fray samples schedules at random and says nothing about
 * which branch a passing schedule took). Recorded by the test's thread at the end of a schedule, after every racer
 * was joined.
 */
final class Outcomes {
    private static final Map<String, Map<String, Integer>> SEEN = new TreeMap<>();

    private Outcomes() {
    }

    static synchronized void record(Class<?> test, String race, String outcome) {
        SEEN.computeIfAbsent(test.getSimpleName() + "." + race, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
    }

    /** Prints the counts recorded for {@code test}'s races, with the engine settings of this JVM. */
    static synchronized void print(Class<?> test) {
        String prefix = test.getSimpleName() + ".";
        StringBuilder out = new StringBuilder();
        SEEN.forEach((race, counts) -> {
            if (race.startsWith(prefix)) {
                out.append("[fray outcomes] deposit=").append(System.getProperty("io.chanflow.deposit"))
                        .append(" spins=").append(System.getProperty("io.chanflow.spins"))
                        .append(' ').append(race).append(' ').append(counts).append('\n');
            }
        });
        System.out.print(out);
    }
}
