package io.chanflow.tck;

/** {@code FlowChannels.processor(ctx, bufferSize)}: the Reactive Streams API. */
public class ChannelProcessorTckTest extends RsProcessorTck {
}
