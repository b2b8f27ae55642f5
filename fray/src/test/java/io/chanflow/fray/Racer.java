package io.chanflow.fray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One side of a race: a platform thread, started at once, whose result (a value or a throwable) the test reads
 * after {@link #join()}. Nothing escapes the thread, so every outcome is judged by the test's own assertions at the
 * end of the schedule, in the test's thread. Platform threads only: Fray 0.9.2 schedules platform threads, not
 * virtual ones (see README.md).
 *
 * @param <T> the result type
 */
final class Racer<T> {

    /** The body of a racer that returns a value. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws Exception;
    }

    /** The body of a racer that returns nothing. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private final Thread thread;
    private T value;
    private Throwable thrown;
    private boolean joined;

    private Racer(String name, Call<T> body) {
        this.thread = new Thread(() -> {
            try {
                value = body.call();
            } catch (Throwable t) {
                thrown = t;
            }
        }, name);
        thread.start();
    }

    /** Starts a racer that computes a value. */
    static <T> Racer<T> call(String name, Call<T> body) {
        return new Racer<>(name, body);
    }

    /** Starts a racer for a step with no value. */
    static Racer<Void> run(String name, Step body) {
        return new Racer<>(name, () -> {
            body.run();
            return null;
        });
    }

    /** Interrupts this racer's thread. */
    void interrupt() {
        thread.interrupt();
    }

    /** Waits for the racer to finish (the join is the happens-before edge for its result). */
    Racer<T> join() throws InterruptedException {
        thread.join();
        joined = true;
        return this;
    }

    /** Whether the body threw. */
    boolean threw() {
        checkJoined();
        return thrown != null;
    }

    /** The body's value; fails the test if the body threw. */
    T value() {
        checkJoined();
        if (thrown != null) {
            throw new AssertionError(thread.getName() + " threw " + thrown, thrown);
        }
        return value;
    }

    /** The throwable the body threw, which must be of {@code type} and carry {@code message}. */
    <X extends Throwable> X thrown(Class<X> type, String message) {
        checkJoined();
        if (thrown == null) {
            fail(thread.getName() + " returned " + value + " where " + type.getSimpleName() + " was expected");
        }
        X x = assertInstanceOf(type, thrown, thread.getName());
        if (message != null) {
            assertEquals(message, x.getMessage(), thread.getName());
        }
        return x;
    }

    private void checkJoined() {
        if (!joined) {
            throw new IllegalStateException(thread.getName() + " not joined");
        }
    }

    @Override
    public String toString() {
        return thread.getName() + (thrown != null ? " threw " + thrown : " returned " + value);
    }
}
