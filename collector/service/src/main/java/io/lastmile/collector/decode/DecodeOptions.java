package io.lastmile.collector.decode;

import io.lastmile.collector.flow.FlowProtocol;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * The options of {@code ./lastmile decode}: which UDP ports carry which protocol (the collector's
 * defaults: 2055 NetFlow v5 and v9, 4739 IPFIX, 6343 sFlow), or {@code --sniff} to tell the
 * protocol of every UDP datagram from its first bytes whatever its port.
 */
public record DecodeOptions(Path file, int netflowPort, int ipfixPort, int sflowPort, boolean sniff, boolean counters) {

    public static final String USAGE = """
            usage: ./lastmile decode [--netflow-port N] [--ipfix-port N] [--sflow-port N] [--sniff] [--counters] FILE.pcap
              prints each flow record of a capture (classic pcap, Ethernet) as one JSON object per line,
              then a summary of what was skipped and why on stderr.
              --netflow-port N  UDP port of NetFlow v5 and v9 (default 2055)
              --ipfix-port N    UDP port of IPFIX (default 4739)
              --sflow-port N    UDP port of sFlow v5 (default 6343)
              --sniff           decode every UDP datagram whose first bytes say v5, v9, IPFIX or sFlow,
                                whatever its port
              --counters        also print sFlow's interface counter samples, one JSON line each
                                (with a "counters" object)
            """;

    /** Reads the command line; throws {@link IllegalArgumentException} with what was wrong. */
    public static DecodeOptions parse(String... args) {
        Path file = null;
        int netflow = 2055;
        int ipfix = 4739;
        int sflow = 6343;
        boolean sniff = false;
        boolean counters = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--netflow-port" -> netflow = port(a, args, ++i);
                case "--ipfix-port" -> ipfix = port(a, args, ++i);
                case "--sflow-port" -> sflow = port(a, args, ++i);
                case "--sniff" -> sniff = true;
                case "--counters" -> counters = true;
                default -> {
                    if (a.startsWith("-") || file != null) {
                        throw new IllegalArgumentException("unexpected argument '" + a + "'");
                    }
                    file = Path.of(a);
                }
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("no capture file given");
        }
        return new DecodeOptions(file, netflow, ipfix, sflow, sniff, counters);
    }

    /** The protocols a datagram to this port may carry; empty when the port is not a flow port. */
    Set<FlowProtocol> protocolsOn(int port) {
        Set<FlowProtocol> on = EnumSet.noneOf(FlowProtocol.class);
        if (port == netflowPort) {
            on.add(FlowProtocol.NETFLOW_V5);
            on.add(FlowProtocol.NETFLOW_V9);
        }
        if (port == ipfixPort) {
            on.add(FlowProtocol.IPFIX);
        }
        if (port == sflowPort) {
            on.add(FlowProtocol.SFLOW_V5);
        }
        return on;
    }

    private static int port(String option, String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a port number");
        }
        try {
            int port = Integer.parseInt(args[i]);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a port from 1 to 65535, not '" + args[i] + "'");
    }
}
