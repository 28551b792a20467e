package io.lastmile.collector.decode;

import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.InterfaceCounters;
import io.lastmile.collector.pcap.UdpDatagram;

/** Where a {@link DecodeRun} hands each decoded flow (and counter sample), with the datagram it came in. */
@FunctionalInterface
public interface DecodedFlows {

    /** The flow is reused after the call returns: copy it to keep it. */
    void flow(UdpDatagram datagram, FlowRecord flow);

    /** sFlow's generic interface counters, as a counter sample reported them. */
    default void counters(UdpDatagram datagram, InterfaceCounters counters) {}
}
