package io.lastmile.collector.decode;

import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.InterfaceCounters;
import io.lastmile.collector.flow.PacketDecoder;
import io.lastmile.collector.pcap.PcapFormatException;
import io.lastmile.collector.pcap.UdpDatagram;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Function;

/**
 * {@code ./lastmile decode FILE.pcap}: every flow record of a capture as one JSON object per line
 * on stdout, then on stderr a summary of what was decoded, skipped and dropped. Runs from the
 * collector's jar without starting Spring. Exit status: 0 when the capture was read (whatever the
 * decoders dropped), 1 when it could not be read, 2 on a usage error.
 */
public final class DecodeCommand {

    private DecodeCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, new StandardDecoders()));
    }

    static int run(
            String[] args, PrintStream stdout, PrintStream stderr, Function<FlowProtocol, PacketDecoder> decoders) {
        DecodeOptions options;
        try {
            if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
                stdout.print(DecodeOptions.USAGE);
                return 0;
            }
            options = DecodeOptions.parse(args);
        } catch (IllegalArgumentException e) {
            stderr.println("decode: " + e.getMessage());
            stderr.print(DecodeOptions.USAGE);
            return 2;
        }
        if (!Files.isReadable(options.file())) {
            stderr.println("decode: cannot read " + options.file());
            return 1;
        }
        Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
        DecodeSummary summary;
        try {
            summary = new DecodeRun(options, decoders, new JsonLines(out, options.counters())).run();
            out.flush();
        } catch (PcapFormatException e) {
            flushQuietly(out);
            stderr.println("decode: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            flushQuietly(out);
            stderr.println("decode: " + options.file() + ": " + e.getMessage());
            return 1;
        }
        summary.lines().forEach(stderr::println);
        return 0;
    }

    /** Flows, and counter samples when asked for, as JSON lines. */
    private static final class JsonLines implements DecodedFlows {
        private final Writer out;
        private final boolean counters;
        private final FlowJson flowJson = new FlowJson();
        private final CountersJson countersJson = new CountersJson();

        JsonLines(Writer out, boolean counters) {
            this.out = out;
            this.counters = counters;
        }

        @Override
        public void flow(UdpDatagram datagram, FlowRecord flow) {
            InetAddress exporter = flow.exporter != null ? flow.exporter : datagram.source();
            write(out, flowJson.line(datagram.frame(), text(exporter), flow));
        }

        @Override
        public void counters(UdpDatagram datagram, InterfaceCounters sample) {
            if (counters) {
                write(out, countersJson.line(datagram.frame(), text(datagram.source()), sample));
            }
        }
    }

    private static String text(InetAddress address) {
        byte[] raw = address.getAddress();
        return Addresses.format(raw.length == 4 ? 4 : 6, raw);
    }

    private static void write(Writer out, String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flushQuietly(Writer out) {
        try {
            out.flush();
        } catch (IOException e) {
            // stdout is gone; the error on stderr is what matters now
        }
    }
}
