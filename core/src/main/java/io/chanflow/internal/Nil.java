package io.chanflow.internal;

/**
 * Marks the nil channel ({@code Channel.nil()}), which the engine must recognise without seeing its class: a select
 * case on it is never ready and never enqueued.
 */
public interface Nil {
}
