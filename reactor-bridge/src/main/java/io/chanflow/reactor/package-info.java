/** The Reactor bridge: channels as {@code Flux} and {@code Mono}, and back. */
package io.chanflow.reactor;
