package io.chanflow.tck;

/** {@code FlowChannels.publish(channel)}, channel of 8: the {@code Flow} API. */
public class BufferedChannelPublisherFlowTckTest extends FlowPublisherTck {
    public BufferedChannelPublisherFlowTckTest() {
        super(PublisherKind.CHANNEL_BUFFERED);
    }
}
