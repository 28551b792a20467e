package io.lastmile.collector.decode;

import io.lastmile.collector.flow.FlowRecord;
import java.time.Instant;

/**
 * One flow record as one line of JSON: the capture frame it came in, the exporter, the protocol
 * version and every field of {@link FlowRecord} (addresses as text, times as ISO-8601 UTC and as
 * epoch milliseconds; null where the export did not say).
 */
final class FlowJson {

    private final StringBuilder line = new StringBuilder(512);

    String line(long frame, String exporter, FlowRecord f) {
        line.setLength(0);
        line.append("{\"frame\":").append(frame);
        text("exporter", exporter);
        text("version", f.protocolVersion == null ? null : f.protocolVersion.name());
        number("observationDomain", f.observationDomain);
        number("inputInterface", f.inputInterface);
        number("outputInterface", f.outputInterface);
        number("ipVersion", f.ipVersion);
        text("src", Addresses.format(f.ipVersion, f.srcAddress));
        text("dst", Addresses.format(f.ipVersion, f.dstAddress));
        number("srcPrefixLength", f.srcPrefixLength);
        number("dstPrefixLength", f.dstPrefixLength);
        number("srcPort", f.srcPort);
        number("dstPort", f.dstPort);
        number("protocol", f.protocol);
        number("tcpFlags", f.tcpFlags);
        number("tos", f.tos);
        number("bytes", f.bytes);
        number("packets", f.packets);
        number("samplingRate", f.samplingRate);
        text("start", time(f.startMillis));
        text("end", time(f.endMillis));
        number("startMillis", f.startMillis);
        number("endMillis", f.endMillis);
        text("nextHop", Addresses.format(f.nextHopVersion, f.nextHop));
        number("vlan", f.vlan);
        number("srcAs", f.srcAs);
        number("dstAs", f.dstAs);
        return line.append('}').toString();
    }

    private void number(String name, long value) {
        line.append(",\"").append(name).append("\":").append(value);
    }

    /** Values here are addresses, enum names and times: nothing that needs escaping. */
    private void text(String name, String value) {
        line.append(",\"").append(name).append("\":");
        if (value == null) {
            line.append("null");
        } else {
            line.append('"').append(value).append('"');
        }
    }

    private static String time(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis).toString();
    }
}
