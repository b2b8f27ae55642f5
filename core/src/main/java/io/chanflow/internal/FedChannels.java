package io.chanflow.internal;

/**
 * Makes the channel of a feed. The channel class users hold, {@code io.chanflow.Chan}, is package-private in the API
 * package ({@code Channel} is sealed over it), so it hands its constructor to this class when it is initialised,
 * as the JDK's {@code SharedSecrets} do between its packages.
 */
public final class FedChannels {
    /** The constructor of {@code io.chanflow.Chan} for a feed's channel. */
    @FunctionalInterface
    public interface Maker {
        ChanEngine make(int bufferSize, FeedRing ring);
    }

    private static volatile Maker maker;

    private FedChannels() {
    }

    /**
     * Called once, by {@code io.chanflow.Chan}'s static initialiser.
     *
     * @throws IllegalStateException if a maker was registered already
     */
    public static synchronized void register(Maker m) {
        if (maker != null) {
            throw new IllegalStateException("a channel maker is registered already");
        }
        maker = m;
    }

    /** A channel whose buffer holds {@code bufferSize} elements, fed through {@code ring}. */
    public static ChanEngine make(int bufferSize, FeedRing ring) {
        Maker m = maker;
        if (m == null) {
            try {
                Class.forName("io.chanflow.Chan", true, FedChannels.class.getClassLoader()); // registers it
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("chanflow-core is incomplete: io.chanflow.Chan is missing", e);
            }
            m = maker;
        }
        return m.make(bufferSize, ring);
    }
}
