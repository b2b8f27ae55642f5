package io.chanflow.fray;

/**
 * Iterations (explored schedules) per race. Fray's default POS scheduler samples schedules at random, so a
 * count bounds the time, not the coverage. Chosen so that the module's two forks (deposit on and off) finish in
 * well under two minutes on CI's two cores; see README.md for the measured times. Raise them locally to search
 * harder.
 */
final class Budget {
    static final int HAND_OFF = 300;
    static final int CLOSE = 300;
    static final int INTERRUPT = 300;
    static final int DEPOSIT = 300;
    static final int SELECT = 300;
    static final int CONTEXT = 300;
    static final int TIMEOUT = 600;

    private Budget() {
    }
}
