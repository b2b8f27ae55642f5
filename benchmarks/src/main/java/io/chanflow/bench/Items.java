package io.chanflow.bench;

/**
 * The items every benchmark moves, and the check that all of them arrived.
 *
 * <p>Items are the boxed integers {@code 0 .. n-1}, boxed once in setup so the measured loops do not allocate:
 * the score is the hand-off, not {@code Integer.valueOf}. Consumers add up what they receive; the total must be
 * {@code n(n-1)/2}. The sum is a cheap check, not a proof: it catches lost, repeated or foreign items unless two
 * such faults happen to cancel out.
 */
final class Items {

    /** Items per benchmark invocation: enough to amortise starting and joining the virtual threads. */
    static final int COUNT = 100_000;

    private Items() {
    }

    /** The boxed integers {@code 0 .. n-1}. */
    static Integer[] boxed(int n) {
        Integer[] items = new Integer[n];
        for (int i = 0; i < n; i++) {
            items[i] = i; // distinct objects above the Integer cache; never compared by identity
        }
        return items;
    }

    /** The sum of {@code 0 .. n-1}. */
    static long checksum(int n) {
        return (long) n * (n - 1) / 2;
    }

    /** Returns {@code actual}, or throws if it is not the checksum of {@code n} items. */
    static long verify(int n, long actual) {
        long expected = checksum(n);
        if (actual != expected) {
            throw new IllegalStateException(
                    "checksum " + actual + " != " + expected + ": items lost or duplicated among " + n);
        }
        return actual;
    }
}
