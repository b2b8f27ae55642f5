package io.chanflow.bench;

/**
 * A blocking put and a blocking take: the one operation pair every contender offers. Each benchmark loop is
 * written once against this interface, so every contender runs exactly the same code around its own two calls.
 *
 * <p>JMH runs each {@code @Param} combination in its own fork, so within a fork the JIT sees a single
 * implementation at every call site and inlines it; the indirection costs nothing in the measured code.
 * (With {@code -f 0} all contenders share one JVM and that no longer holds: always fork.)
 */
interface Conduit {

    /** Hands {@code e} over, blocking as the contender's own send/put does. */
    void put(Object e) throws InterruptedException;

    /** Takes the next element, blocking as the contender's own receive/take does. */
    Object take() throws InterruptedException;

    /**
     * Opens a fresh conduit of the named contender.
     *
     * <ul>
     *   <li>{@code chanflow}: {@code io.chanflow.Channel.make(capacity)}</li>
     *   <li>{@code jox}: {@code newRendezvousChannel()} for capacity 0, else {@code newBufferedChannel(capacity)}</li>
     *   <li>{@code sq}: {@code SynchronousQueue} (non-fair), {@code put}/{@code take}; capacity 0 only</li>
     *   <li>{@code ltq}: {@code LinkedTransferQueue}, {@code transfer}/{@code take}; capacity 0 only</li>
     *   <li>{@code abq}: {@code ArrayBlockingQueue(capacity)} (non-fair), {@code put}/{@code take}; capacity &gt; 0</li>
     * </ul>
     *
     * @throws IllegalArgumentException for an unknown contender, or a capacity the contender cannot have
     */
    static Conduit open(String contender, int capacity) {
        return switch (contender) {
            case "chanflow" -> ChanflowConduit.of(capacity);
            case "jox" -> JoxConduit.of(capacity);
            case "sq" -> SynchronousQueueConduit.of(capacity);
            case "ltq" -> TransferQueueConduit.of(capacity);
            case "abq" -> ArrayQueueConduit.of(capacity);
            default -> throw new IllegalArgumentException("unknown contender: " + contender);
        };
    }
}
