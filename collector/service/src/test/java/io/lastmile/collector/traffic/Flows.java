package io.lastmile.collector.traffic;

import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.traffic.map.MapDocument;
import io.lastmile.collector.traffic.map.Prefix;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Flows and maps for the traffic tests. */
final class Flows {

    private static final Map<String, byte[]> PARSED = new ConcurrentHashMap<>();

    private Flows() {}

    /** Fills one reused record, as a decoder does. */
    static FlowRecord fill(FlowRecord f, String exporter, String src, String dst, long bytes, long packets) {
        f.clearFields();
        f.exporter = address(exporter);
        f.protocolVersion = FlowProtocol.NETFLOW_V9;
        byte[] s = PARSED.computeIfAbsent(src, a -> Prefix.parse(a).address());
        byte[] d = PARSED.computeIfAbsent(dst, a -> Prefix.parse(a).address());
        f.ipVersion = s.length == 4 ? 4 : 6;
        System.arraycopy(s, 0, f.srcAddress, 0, s.length);
        System.arraycopy(d, 0, f.dstAddress, 0, d.length);
        f.bytes = bytes;
        f.packets = packets;
        return f;
    }

    static InetAddress address(String ip) {
        try {
            return InetAddress.getByAddress(Prefix.parse(ip).address());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Account 1: 10.0.0.5 and 2001:db8:1::/56; account 2: 10.0.1.0/24; account 3: 10.0.1.7 (inside
     * 2's /24, the longer wins). Classes: local 10/8 and 192.168/16, peering 185.1/16 with 185.1.2/24
     * back to local; default internet.
     */
    static MapDocument map(long version) {
        return new MapDocument(
                version,
                List.of(
                        new MapDocument.Subscriber(1, List.of("10.0.0.5/32", "2001:db8:1::/56")),
                        new MapDocument.Subscriber(2, List.of("10.0.1.0/24")),
                        new MapDocument.Subscriber(3, List.of("10.0.1.7"))),
                List.of(
                        new MapDocument.TrafficClass("local", List.of("10.0.0.0/8", "192.168.0.0/16", "185.1.2.0/24")),
                        new MapDocument.TrafficClass("peering", Arrays.asList("185.1.0.0/16"))),
                "internet");
    }
}
