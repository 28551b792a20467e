package io.lastmile.collector.decode;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.InterfaceCounters;
import io.lastmile.collector.flow.PacketDecoder;
import io.lastmile.collector.flow.ProtocolSniffer;
import io.lastmile.collector.pcap.PcapReader;
import io.lastmile.collector.pcap.PcapStats;
import io.lastmile.collector.pcap.UdpDatagram;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decodes one capture: each UDP datagram to a flow port goes to the decoder of the protocol its
 * first bytes say (one decoder per protocol for the whole capture, so templates learnt early serve
 * later packets), with the capture time as the time received. At the end the decoders are ticked
 * an hour past the last packet, so that data still held for a template that never came is counted.
 */
public final class DecodeRun {

    /** How far past the last packet the decoders are ticked at the end of a capture. */
    static final long FINAL_TICK_MILLIS = 3_600_000;

    private final DecodeOptions options;
    private final Function<FlowProtocol, PacketDecoder> decoderFactory;
    private final DecodedFlows out;
    private final Map<FlowProtocol, Optional<PacketDecoder>> decoders = new EnumMap<>(FlowProtocol.class);
    private final Map<FlowProtocol, Long> datagrams = new EnumMap<>(FlowProtocol.class);
    private final Map<FlowProtocol, Long> flows = new EnumMap<>(FlowProtocol.class);
    private final Map<FlowProtocol, Long> counterSamples = new EnumMap<>(FlowProtocol.class);
    private final Map<DatagramSkip, Long> skipped = new EnumMap<>(DatagramSkip.class);
    private final Map<FlowProtocol, Map<DropReason, Long>> dropped = new EnumMap<>(FlowProtocol.class);
    private final Listener listener = new Listener();
    private long lastTickMillis;

    /**
     * @param decoders the decoder of each protocol (called once per protocol; null when this build
     *     has none)
     */
    public DecodeRun(DecodeOptions options, Function<FlowProtocol, PacketDecoder> decoders, DecodedFlows out) {
        this.options = options;
        this.decoderFactory = decoders;
        this.out = out;
    }

    public DecodeSummary run() throws IOException {
        PcapStats capture = PcapReader.read(options.file(), this::decode);
        tick(lastTickMillis + FINAL_TICK_MILLIS);
        return new DecodeSummary(capture, datagrams, flows, counterSamples, skipped, dropped);
    }

    private void decode(UdpDatagram datagram) {
        Optional<FlowProtocol> sniffed = ProtocolSniffer.sniff(datagram.payload());
        Set<FlowProtocol> onPort = options.protocolsOn(datagram.destinationPort());
        if (!options.sniff() && onPort.isEmpty()) {
            skip(DatagramSkip.OTHER_PORT);
            return;
        }
        if (sniffed.isEmpty()) {
            skip(DatagramSkip.NOT_FLOW_EXPORT);
            return;
        }
        FlowProtocol protocol = sniffed.get();
        if (!options.sniff() && !onPort.contains(protocol)) {
            skip(DatagramSkip.WRONG_PORT_FOR_VERSION);
            return;
        }
        Optional<PacketDecoder> decoder =
                decoders.computeIfAbsent(protocol, p -> Optional.ofNullable(decoderFactory.apply(p)));
        if (decoder.isEmpty()) {
            skip(DatagramSkip.NO_DECODER);
            return;
        }
        datagrams.merge(protocol, 1L, Long::sum);
        listener.at(protocol, datagram);
        long now = datagram.captureMillis();
        try {
            decoder.get().decode(datagram.source(), datagram.payload(), now, listener);
        } catch (RuntimeException bug) {
            // decoders never throw on input: this is a bug, named with the frame that shows it
            throw new IllegalStateException(
                    "the " + protocol + " decoder failed on frame " + datagram.frame() + ": " + bug, bug);
        }
        if (now - lastTickMillis >= 1000) {
            tick(now);
        }
    }

    /** Lets the decoders expire templates and held data; flows they give then count for the last datagram. */
    private void tick(long now) {
        decoders.forEach((protocol, decoder) -> decoder.ifPresent(d -> {
            listener.at(protocol, listener.datagram);
            d.tick(now, listener);
        }));
        lastTickMillis = now;
    }

    private void skip(DatagramSkip reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    private final class Listener implements DecodeListener {
        private FlowProtocol protocol;
        private UdpDatagram datagram;

        void at(FlowProtocol protocol, UdpDatagram datagram) {
            this.protocol = protocol;
            this.datagram = datagram;
        }

        @Override
        public void flow(FlowRecord flow) {
            flows.merge(protocol, 1L, Long::sum);
            out.flow(datagram, flow);
        }

        @Override
        public void counters(InterfaceCounters counters) {
            counterSamples.merge(protocol, 1L, Long::sum);
            out.counters(datagram, counters);
        }

        @Override
        public void dropped(DropReason reason) {
            dropped.computeIfAbsent(protocol, p -> new EnumMap<>(DropReason.class))
                    .merge(reason, 1L, Long::sum);
        }
    }
}
