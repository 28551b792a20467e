package io.lastmile.collector.pcap;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * One UDP datagram read from a capture.
 *
 * @param frame the capture's frame number, from 1 (as tshark and Wireshark count)
 * @param captureMicros when it was captured, in microseconds since the epoch
 * @param payload the UDP payload, from position 0 to its limit
 */
public record UdpDatagram(
        long frame,
        long captureMicros,
        InetAddress source,
        int sourcePort,
        InetAddress destination,
        int destinationPort,
        ByteBuffer payload) {

    public long captureMillis() {
        return captureMicros / 1000;
    }
}
