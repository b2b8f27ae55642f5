/**
 * Chanflow's bridge between channels and Reactor's {@code Flux} and {@code Mono}. Start with
 * {@link io.chanflow.reactor.ReactorChannels}.
 */
module io.chanflow.reactor {
    requires transitive io.chanflow.flow;
    requires transitive reactor.core;
    requires static context.propagation; // optional: ThreadLocals restored from the Reactor context

    exports io.chanflow.reactor;
}
