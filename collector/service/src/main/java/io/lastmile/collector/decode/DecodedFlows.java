package io.lastmile.collector.decode;

import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.pcap.UdpDatagram;

/** Where a {@link DecodeRun} hands each decoded flow, with the datagram it came in. */
@FunctionalInterface
public interface DecodedFlows {

    /** The flow is reused after the call returns: copy it to keep it. */
    void flow(UdpDatagram datagram, FlowRecord flow);
}
