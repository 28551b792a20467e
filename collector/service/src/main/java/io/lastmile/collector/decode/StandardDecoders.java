package io.lastmile.collector.decode;

import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.PacketDecoder;
import java.util.function.Function;

/** The collector's decoders with their default settings, as {@code ./lastmile decode} uses them. */
final class StandardDecoders implements Function<FlowProtocol, PacketDecoder> {

    @Override
    public PacketDecoder apply(FlowProtocol protocol) {
        return null; // wired when the decoders are on this branch
    }
}
