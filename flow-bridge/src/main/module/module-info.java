/**
 * Chanflow's bridge between channels and {@code java.util.concurrent.Flow} / Reactive Streams publishers and
 * subscribers. Start with {@link io.chanflow.flow.FlowChannels}.
 */
module io.chanflow.flow {
    requires transitive io.chanflow.core;
    requires transitive org.reactivestreams;

    exports io.chanflow.flow;
}
