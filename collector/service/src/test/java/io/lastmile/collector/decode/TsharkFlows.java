package io.lastmile.collector.decode;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The flow records tshark finds in a capture, each as the fields {@link FlowJson} names (src, dst,
 * srcPort, bytes, startMillis ...) with the values tshark shows, so that a comparison needs no
 * knowledge of either side's layout. Only what tshark shows is there: a field it does not show is
 * left out, not guessed. NetFlow v5, v9 and IPFIX come from Wireshark's cflow dissector; sFlow from
 * sflow_245, one record per flow sample, from the sampled header's IP and TCP/UDP layers.
 */
final class TsharkFlows {

    /** One record: the frame it came in and its fields by our names (Long or address text). */
    record Flow(long frame, Map<String, Object> fields) {}

    private static final DateTimeFormatter ABSOLUTE =
            DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm:ss.SSSSSSSSS", Locale.US);
    private static final Map<String, String> CFLOW_FIELDS = Map.ofEntries(
            Map.entry("cflow.srcport", "srcPort"),
            Map.entry("cflow.dstport", "dstPort"),
            Map.entry("cflow.protocol", "protocol"),
            Map.entry("cflow.octets", "bytes"),
            Map.entry("cflow.octets64", "bytes"),
            Map.entry("cflow.packets", "packets"),
            Map.entry("cflow.packets64", "packets"),
            Map.entry("cflow.inputint", "inputInterface"),
            Map.entry("cflow.outputint", "outputInterface"),
            Map.entry("cflow.tos", "tos"),
            Map.entry("cflow.tcpflags", "tcpFlags"),
            Map.entry("cflow.srcas", "srcAs"),
            Map.entry("cflow.dstas", "dstAs"),
            Map.entry("cflow.srcmask", "srcPrefixLength"),
            Map.entry("cflow.dstmask", "dstPrefixLength"),
            Map.entry("cflow.srcaddr", "src"),
            Map.entry("cflow.srcaddrv6", "src"),
            Map.entry("cflow.dstaddr", "dst"),
            Map.entry("cflow.dstaddrv6", "dst"),
            Map.entry("cflow.nexthop", "nextHop"),
            Map.entry("cflow.nexthopv6", "nextHop"));

    private TsharkFlows() {}

    static List<Flow> of(Path capture) throws IOException, InterruptedException {
        Process tshark = new ProcessBuilder("tshark", "-r", capture.toString(), "-T", "json", "--no-duplicate-keys")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        JsonNode frames = new ObjectMapper().readTree(tshark.getInputStream());
        if (!tshark.waitFor(60, TimeUnit.SECONDS) || tshark.exitValue() != 0) {
            throw new IOException("tshark failed on " + capture);
        }
        List<Flow> flows = new ArrayList<>();
        Map<String, Long> systemInit = new LinkedHashMap<>();
        for (JsonNode frame : frames) {
            JsonNode layers = frame.path("_source").path("layers");
            long number =
                    Long.parseLong(layers.path("frame").path("frame.number").asString());
            if (layers.has("cflow")) {
                cflow(number, layers.get("cflow"), systemInit, flows);
            }
            if (layers.has("sflow")) {
                long received =
                        millis(layers.path("frame").path("frame.time_epoch").asString());
                sflow(number, received, layers.get("sflow"), flows);
            }
        }
        return flows;
    }

    // --- NetFlow v5, v9, IPFIX

    /**
     * @param systemInit IPFIX's systemInitTimeMilliseconds by observation domain, from options data
     *     seen so far (for flowStartSysUpTime and flowEndSysUpTime)
     */
    private static void cflow(long frame, JsonNode cflow, Map<String, Long> systemInit, List<Flow> out) {
        Map<String, String> header = new LinkedHashMap<>();
        flatten(cflow, header, true);
        long version = Long.parseLong(header.get("cflow.version"));
        String domain = header.getOrDefault("cflow.od_id", "");
        for (JsonNode record : records(cflow)) {
            Map<String, String> raw = new LinkedHashMap<>();
            flatten(record, raw, false);
            if (raw.containsKey("cflow.sys_init_time")) {
                systemInit.put(domain, absolute(raw.get("cflow.sys_init_time")));
            }
            if (!raw.containsKey("cflow.octets") && !raw.containsKey("cflow.octets64")) {
                continue; // options data (sampling, exporter address), not a flow
            }
            Map<String, Object> f = new LinkedHashMap<>();
            CFLOW_FIELDS.forEach((theirs, ours) -> {
                if (raw.containsKey(theirs)) {
                    f.put(ours, value(ours, raw.get(theirs)));
                }
            });
            times(header, raw, systemInit.get(domain), f);
            if (version == 9 && header.containsKey("cflow.source_id")) {
                f.put("observationDomain", Long.parseLong(header.get("cflow.source_id")));
            }
            if (version == 10 && header.containsKey("cflow.od_id")) {
                f.put("observationDomain", Long.parseLong(header.get("cflow.od_id")));
            }
            if (version == 5) {
                long rate = Long.parseLong(header.getOrDefault("cflow.samplerate", "0"));
                f.put("samplingRate", Math.max(1, rate));
            }
            out.add(new Flow(frame, f));
        }
    }

    /** The flow records of a cflow tree: the objects named "pdu n/m" (v5) or "Flow n" (v9, IPFIX). */
    private static List<JsonNode> records(JsonNode cflow) {
        List<JsonNode> records = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : cflow.properties()) {
            if (e.getKey().startsWith("pdu ")) {
                records.add(e.getValue());
            } else if (e.getValue().isObject()
                    && (e.getKey().startsWith("FlowSet ") || e.getKey().startsWith("Set "))) {
                for (Map.Entry<String, JsonNode> r : e.getValue().properties()) {
                    if (r.getKey().startsWith("Flow ")) {
                        records.add(r.getValue());
                    }
                }
            }
        }
        return records;
    }

    /**
     * Absolute times (IPFIX) as shown. Relative ones: v5 and v9 give the exporter's uptime, made
     * absolute from the header's export time and uptime, modulo 2^32 ms as the uptime counter wraps;
     * IPFIX's flowStart/EndSysUpTime count from the systemInitTimeMilliseconds of options data, as
     * the IPFIX information model defines them; as the 32-bit uptime wraps (and softflowd, replaying
     * a capture, stamps flows from before its own start), of the values 2^32 ms apart the one
     * nearest the export time is taken, which tshark does not do.
     */
    private static void times(
            Map<String, String> header, Map<String, String> raw, Long systemInit, Map<String, Object> f) {
        if (raw.containsKey("cflow.abstimestart")) {
            f.put("startMillis", absolute(raw.get("cflow.abstimestart")));
            f.put("endMillis", absolute(raw.get("cflow.abstimeend")));
            return;
        }
        if (!raw.containsKey("cflow.timestart")) {
            return;
        }
        long exportMillis =
                Long.parseLong(header.getOrDefault("cflow.unix_secs", header.getOrDefault("cflow.exporttime", "0")))
                                * 1000
                        + Long.parseLong(header.getOrDefault("cflow.unix_nsecs", "0")) / 1_000_000;
        if (!header.containsKey("cflow.sysuptime")) {
            if (systemInit != null) {
                f.put("startMillis", nearExport(systemInit + millis(raw.get("cflow.timestart")), exportMillis));
                f.put("endMillis", nearExport(systemInit + millis(raw.get("cflow.timeend")), exportMillis));
            }
            return;
        }
        long uptime = millis(header.get("cflow.sysuptime"));
        f.put("startMillis", exportMillis - ((uptime - millis(raw.get("cflow.timestart"))) & 0xFFFFFFFFL));
        f.put("endMillis", exportMillis - ((uptime - millis(raw.get("cflow.timeend"))) & 0xFFFFFFFFL));
    }

    private static long nearExport(long millis, long exportMillis) {
        long wrap = 1L << 32;
        if (exportMillis == 0) {
            return millis;
        }
        if (millis - exportMillis > wrap / 2) {
            return millis - wrap;
        }
        return exportMillis - millis > wrap / 2 ? millis + wrap : millis;
    }

    // --- sFlow v5

    /** @param received the capture time, which sFlow's records take as their start and end */
    private static void sflow(long frame, long received, JsonNode sflow, List<Flow> out) {
        for (Map.Entry<String, JsonNode> e : sflow.properties()) {
            if (!e.getKey().startsWith("Flow sample") && !e.getKey().startsWith("Expanded flow sample")) {
                continue;
            }
            JsonNode sample = e.getValue();
            Map<String, Object> f = new LinkedHashMap<>();
            String prefix = e.getKey().startsWith("Expanded") ? "sflow.flow_sample_expanded." : "sflow.flow_sample.";
            put(f, "samplingRate", sample.path(prefix + "sampling_rate"));
            put(f, "inputInterface", sample.path(prefix + "input_interface"));
            outputInterface(sample.path(prefix + "output_interface_tree"), prefix, f);
            f.put("packets", 1L);
            f.put("startMillis", received);
            f.put("endMillis", received);
            put(f, "vlan", sample.path("Extended switch data").path("sflow_245.vlan.in"));
            JsonNode header = sample.path("Raw packet header");
            JsonNode layers = header.path("sflow_245.header_tree");
            JsonNode ip = layers.has("ip") ? layers.get("ip") : layers.path("ipv6");
            String p = layers.has("ip") ? "ip." : "ipv6.";
            // IP bytes as NetFlow counts them; the frame's length only for a frame without IP
            put(f, "bytes", header.path("sflow_245.header.frame_length"));
            if (layers.has("ip")) {
                put(f, "bytes", ip.path("ip.len"));
            } else if (ip.path("ipv6.plen").isString()) {
                f.put("bytes", 40 + Long.parseLong(ip.path("ipv6.plen").asString()));
            }
            put(f, "src", ip.path(p + "src"));
            put(f, "dst", ip.path(p + "dst"));
            put(f, "protocol", ip.path(layers.has("ip") ? "ip.proto" : "ipv6.nxt"));
            put(f, "tos", ip.path(layers.has("ip") ? "ip.dsfield" : "ipv6.tclass"));
            for (String l4 : List.of("tcp", "udp")) {
                put(f, "srcPort", layers.path(l4).path(l4 + ".srcport"));
                put(f, "dstPort", layers.path(l4).path(l4 + ".dstport"));
            }
            put(f, "tcpFlags", layers.path("tcp").path("tcp.flags"));
            out.add(new Flow(frame, f));
        }
    }

    /**
     * sFlow's output interface: format 0 is an ifIndex, where 0x3FFFFFFF means unknown (kept as 0);
     * formats 1 (discarded) and 2 (several interfaces) name no one interface and are not compared.
     */
    private static void outputInterface(JsonNode tree, String prefix, Map<String, Object> f) {
        String format = tree.path(prefix + "output_interface_format").asString("");
        String value = tree.path(prefix + "output_interface_value").asString("");
        if (format.equals("0") && !value.isEmpty()) {
            long index = Long.parseLong(value);
            f.put("outputInterface", index == 0x3FFFFFFFL ? 0L : index);
        }
    }

    // --- values

    private static void put(Map<String, Object> f, String ours, JsonNode node) {
        if (node.isString()) {
            f.put(ours, value(ours, node.asString()));
        }
    }

    private static Object value(String ours, String shown) {
        return switch (ours) {
            case "src", "dst", "nextHop" -> address(shown);
            default -> shown.startsWith("0x") ? Long.parseLong(shown.substring(2), 16) : Long.parseLong(shown);
        };
    }

    static String address(String text) {
        try {
            return InetAddress.getByName(text).getHostAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("tshark showed '" + text + "' as an address", e);
        }
    }

    private static long absolute(String shown) {
        String text = shown.replaceAll("\\s+", " ").replace(" UTC", "");
        return LocalDateTime.parse(text, ABSOLUTE).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static long millis(String seconds) {
        return new java.math.BigDecimal(seconds).movePointRight(3).longValue();
    }

    /** Every leaf of the tree, first occurrence kept; the header's leaves stop at sub-trees named with spaces. */
    private static void flatten(JsonNode node, Map<String, String> out, boolean headerOnly) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (v.isString()) {
                out.putIfAbsent(e.getKey(), v.asString());
            } else if (v.isObject() && !(headerOnly && e.getKey().contains(" "))) {
                flatten(v, out, headerOnly);
            }
        }
    }
}
