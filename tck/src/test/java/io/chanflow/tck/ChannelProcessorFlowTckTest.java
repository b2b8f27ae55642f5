package io.chanflow.tck;

/** {@code FlowChannels.processor(ctx, bufferSize)}: the {@code Flow} API. */
public class ChannelProcessorFlowTckTest extends FlowProcessorTck {
}
