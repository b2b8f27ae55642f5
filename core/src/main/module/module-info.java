/**
 * Chanflow's core: Go's goroutines, channels, select, context, sync tools, timers and patterns on virtual threads.
 * Start with {@link io.chanflow.Channel} and {@link io.chanflow.Go}.
 *
 * <p>Only the API packages are exported. {@code io.chanflow.internal}, the channel engine, is not;
 * {@code io.chanflow.feed}, the non-blocking producing end of a channel, is exported to the Flow bridge only.
 */
module io.chanflow.core {
    exports io.chanflow;
    exports io.chanflow.context;
    exports io.chanflow.sync;
    exports io.chanflow.time;
    exports io.chanflow.patterns;
    exports io.chanflow.feed to io.chanflow.flow;
}
