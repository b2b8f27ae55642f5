package io.chanflow.tck;

/** {@code FlowChannels.publish(channel)}, unbuffered channel: the {@code Flow} API. */
public class ChannelPublisherFlowTckTest extends FlowPublisherTck {
    public ChannelPublisherFlowTckTest() {
        super(PublisherKind.CHANNEL);
    }
}
