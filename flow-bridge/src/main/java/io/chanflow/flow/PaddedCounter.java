package io.chanflow.flow;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An atomic int on cache lines of its own. {@link ChannelSubscriber} counts every element its receivers take here,
 * on the receivers' threads; without the padding the counter would share a line with fields the publisher reads in
 * every {@code onNext}, and that line would move between the two cores on every element. (A superclass's fields are
 * laid out before a subclass's, so {@link #value} sits between two 128-byte blocks.)
 */
final class PaddedCounter extends PaddedCounterValue {
    long q0, q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11, q12, q13, q14, q15;

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedCounterValue.class, "value", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    int incrementAndGet() {
        return (int) VALUE.getAndAdd(this, 1) + 1;
    }

    void add(int delta) {
        VALUE.getAndAdd(this, delta);
    }
}

/** Padding before the value of {@link PaddedCounter}. */
abstract class PaddedCounterPad {
    long p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15;
}

/** The value of {@link PaddedCounter}. */
abstract class PaddedCounterValue extends PaddedCounterPad {
    volatile int value;
}
