package io.lastmile.collector.sflow;

import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What one worker thread needs while it decodes a datagram: the reused flow and what the records
 * of the current sample have said so far. One per thread, so decoding allocates nothing per record.
 */
final class SflowState {
    final FlowRecord flow = new FlowRecord();

    InetAddress exporter;
    long receivedMillis;
    final byte[] agent = new byte[16];
    /** 0 (unknown), 4 or 6. */
    int agentVersion;

    private InetAddress agentAddress;

    /** The sample carried the sampled packet (raw header) or its IP data (records 3, 4). */
    boolean sawHeader;

    boolean sawIpData;
    /** An extended router record set the next hop (it wins over the gateway's BGP next hop). */
    boolean routerNextHop;

    boolean sawSwitch;
    int switchVlan;

    SflowState() {
        flow.protocolVersion = FlowProtocol.SFLOW_V5;
    }

    void startDatagram(InetAddress exporter, long receivedMillis) {
        this.exporter = exporter;
        this.receivedMillis = receivedMillis;
        this.agentVersion = 0;
        this.agentAddress = null;
        Arrays.fill(agent, (byte) 0);
    }

    void startFlowSample() {
        flow.clearFields();
        flow.exporter = exporter;
        flow.protocolVersion = FlowProtocol.SFLOW_V5;
        flow.startMillis = receivedMillis;
        flow.endMillis = receivedMillis;
        sawHeader = false;
        sawIpData = false;
        routerNextHop = false;
        sawSwitch = false;
        switchVlan = 0;
    }

    /** The datagram's agent address (made once per datagram, only when counters need it). */
    InetAddress agentAddress() {
        if (agentAddress == null) {
            agentAddress = agentVersion == 0 ? exporter : toAddress();
        }
        return agentAddress;
    }

    private InetAddress toAddress() {
        try {
            return InetAddress.getByAddress(Arrays.copyOf(agent, agentVersion == 4 ? 4 : 16));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
