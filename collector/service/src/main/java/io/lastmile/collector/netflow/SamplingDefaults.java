package io.lastmile.collector.netflow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

/** The configured sampling rate per exporter, for exports that do not say. */
public final class SamplingDefaults {

    private final Map<InetAddress, Long> rates = new HashMap<>();

    public SamplingDefaults(Map<String, Long> configured) {
        configured.forEach((address, rate) -> rates.put(literal(address), Math.max(1, rate)));
    }

    /** The configured rate of this exporter, 1 when none. */
    public long rate(InetAddress exporter) {
        Long rate = rates.get(exporter);
        return rate == null ? 1 : rate;
    }

    private static InetAddress literal(String address) {
        String a = address.trim();
        if (!a.matches("[0-9a-fA-F:.]+") || a.isEmpty()) {
            throw new IllegalArgumentException("lastmile.collector.netflow.sampling-rates: '" + address
                    + "' is not a literal IPv4 or IPv6 address; give the exporter's address, not a name");
        }
        try {
            return InetAddress.getByName(a);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "lastmile.collector.netflow.sampling-rates: '" + address + "' is not an address", e);
        }
    }
}
