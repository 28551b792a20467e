package io.lastmile.collector.decode;

import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.PacketDecoder;
import io.lastmile.collector.ipfix.IpfixDecoder;
import io.lastmile.collector.netflow.NetflowProperties;
import io.lastmile.collector.netflow.v5.NetflowV5Decoder;
import io.lastmile.collector.netflow.v9.NetflowV9Decoder;
import io.lastmile.collector.sflow.SflowDecoder;
import java.util.function.Function;

/**
 * The collector's decoders, one per protocol: with the default settings for {@code ./lastmile
 * decode}, with the configured ones for the live listeners.
 */
public final class StandardDecoders implements Function<FlowProtocol, PacketDecoder> {

    private final NetflowProperties netflow;

    StandardDecoders() {
        this(NetflowProperties.defaults());
    }

    public StandardDecoders(NetflowProperties netflow) {
        this.netflow = netflow;
    }

    @Override
    public PacketDecoder apply(FlowProtocol protocol) {
        return switch (protocol) {
            case NETFLOW_V5 -> new NetflowV5Decoder(netflow);
            case NETFLOW_V9 -> new NetflowV9Decoder(netflow);
            case IPFIX -> new IpfixDecoder(netflow);
            case SFLOW_V5 -> new SflowDecoder();
        };
    }
}
