package io.lastmile.collector.sflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.lastmile.collector.flow.FlowRecord;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real exporter: Debian's pmacctd with its sfprobe plugin reads a capture of TCP packets made
 * here and sends sFlow v5 to a socket of this test; each datagram is decoded by us and by tshark,
 * and the two are compared field by field, and with the packets sent.
 */
class SflowPmacctIT {
    private static final int PACKETS = 40;

    @TempDir
    Path dir;

    @Test
    void decodesPmacctdsSflowAsTsharkDoes() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/sbin/pmacctd")))
                .as("pmacctd installed")
                .isTrue();
        assumeThat(Files.isExecutable(Path.of("/usr/bin/tshark")))
                .as("tshark installed")
                .isTrue();
        List<byte[]> datagrams = export(capture());
        SflowDecoder decoder = new SflowDecoder();
        List<FlowRecord> ours = new ArrayList<>();
        for (byte[] d : datagrams) {
            RecordingListener out = new RecordingListener();
            decoder.decode(InetAddress.getLoopbackAddress(), ByteBuffer.wrap(d), 0, out);
            assertThat(out.drops).isEmpty();
            ours.addAll(out.flows);
        }

        List<String> tshark = tshark(datagrams);

        assertThat(ours).extracting(f -> f.srcPort).containsExactlyInAnyOrderElementsOf(sentPorts());
        assertThat(ours)
                .extracting(f -> f.bytes)
                .as("IP bytes, as NetFlow counts them (the frame has 14 more and a 4-byte FCS)")
                .contains(20L + 20 + 100);
        assertThat(ours.stream().map(SflowPmacctIT::asTsharkLine).toList()).isEqualTo(tshark);
    }

    /**
     * Packet i: 10.0.0.(1 + i % 5) port 40000 + i to 198.51.100.7:443, ToS 4 i, TCP flags, 100 + i
     * bytes of payload. (pmacctd 1.7.7 here did not export frames of 151 to 153 bytes when they were
     * the capture's last, so the frames are 154 bytes and longer.)
     */
    private Path capture() throws IOException {
        ByteBuffer pcap = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        pcap.putInt(0xA1B2C3D4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535)
                .putInt(1);
        for (int i = 0; i < PACKETS; i++) {
            int flags = i % 2 == 0 ? 0x18 : 0x10;
            Wire tcp = Packets.tcp(40_000 + i, 443, flags).zeros(100 + i);
            Wire ip = Packets.ipv4(4 * i, 6, "10.0.0." + (1 + i % 5), "198.51.100.7", tcp);
            byte[] frame = Packets.ethernet(0x0800, Wire.of().bytes(withChecksum(ip.toArray())))
                    .toArray();
            pcap.putInt(1_700_000_000 + i)
                    .putInt(0)
                    .putInt(frame.length)
                    .putInt(frame.length)
                    .put(frame);
        }
        Path file = dir.resolve("traffic.pcap");
        Files.write(file, Arrays.copyOf(pcap.array(), pcap.position()));
        return file;
    }

    private static List<Integer> sentPorts() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++) {
            ports.add(40_000 + i);
        }
        return ports;
    }

    private static byte[] withChecksum(byte[] ip) {
        long sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((ip[i] & 0xFF) << 8) | (ip[i + 1] & 0xFF);
        }
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = ~((sum & 0xFFFF) + (sum >> 16)) & 0xFFFF;
        ip[10] = (byte) (sum >> 8);
        ip[11] = (byte) sum;
        return ip;
    }

    /**
     * Runs pmacctd (sfprobe, sampling 1) over the capture and returns the datagrams it sent, once
     * it has been quiet for 3 s. It is told to wait at the capture's end: exiting there, its core
     * can stop the sfprobe plugin before the plugin has sent the last packets.
     */
    private List<byte[]> export(Path capture) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(1000);
            Path conf = dir.resolve("pmacctd.conf");
            Files.writeString(
                    conf,
                    String.join(
                            "\n",
                            "daemonize: false",
                            "pcap_savefile: " + capture,
                            "plugins: sfprobe",
                            "sfprobe_receiver: 127.0.0.1:" + socket.getLocalPort(),
                            "sfprobe_agentip: 192.0.2.55",
                            "sampling_rate: 1",
                            "pcap_savefile_wait: true",
                            ""));
            Process pmacctd = new ProcessBuilder("/usr/sbin/pmacctd", "-f", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("pmacctd.log").toFile())
                    .start();
            List<byte[]> datagrams = new ArrayList<>();
            try {
                receive(socket, pmacctd, datagrams);
            } finally {
                pmacctd.destroy();
                pmacctd.waitFor(5, TimeUnit.SECONDS);
            }
            return datagrams;
        }
    }

    private static void receive(DatagramSocket socket, Process pmacctd, List<byte[]> into) throws IOException {
        byte[] buffer = new byte[65_535];
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int quiet = 0;
        while (System.nanoTime() < until && pmacctd.isAlive() && quiet < 3) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(p);
                into.add(Arrays.copyOf(p.getData(), p.getLength()));
                quiet = 0;
            } catch (SocketTimeoutException e) {
                quiet = into.isEmpty() ? 0 : quiet + 1;
            }
        }
    }

    /** tshark's view of each flow sample: one line per sampled packet, the fields we compare. */
    private List<String> tshark(List<byte[]> datagrams) throws Exception {
        Path pcap = dir.resolve("sflow.pcap");
        Files.write(pcap, udpCapture(datagrams));
        Process p = new ProcessBuilder(
                        "/usr/bin/tshark",
                        "-r",
                        pcap.toString(),
                        "-d",
                        "udp.port==6343,sflow",
                        "-T",
                        "fields",
                        "-E",
                        "occurrence=a",
                        "-E",
                        "aggregator=,",
                        "-E",
                        "separator=;",
                        "-e",
                        "ip.src",
                        "-e",
                        "ip.dst",
                        "-e",
                        "ip.proto",
                        "-e",
                        "ip.dsfield",
                        "-e",
                        "tcp.srcport",
                        "-e",
                        "tcp.dstport",
                        "-e",
                        "tcp.flags",
                        "-e",
                        "ip.len",
                        "-e",
                        "sflow.flow_sample.sampling_rate",
                        "-e",
                        "sflow.flow_sample.input_interface",
                        "-e",
                        "sflow.flow_sample.output_interface")
                .redirectError(dir.resolve("tshark.err").toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new ArrayList<>();
        for (String frame : out.strip().split("\n")) {
            lines.addAll(perPacket(frame.split(";", -1)));
        }
        return lines;
    }

    /** Splits one frame's aggregated fields into a line per sampled packet (the first IP is UDP's). */
    private static List<String> perPacket(String[] f) {
        if (f[4].isEmpty()) {
            return List.of(); // a datagram of counter samples only
        }
        String[][] v = new String[f.length][];
        for (int i = 0; i < f.length; i++) {
            v[i] = f[i].split(",");
        }
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < v[4].length; k++) {
            lines.add(String.join(
                    " ",
                    v[0][k + 1],
                    v[1][k + 1],
                    v[2][k + 1],
                    String.valueOf(Integer.decode(v[3][k + 1])),
                    v[4][k],
                    v[5][k],
                    String.valueOf(Integer.decode(v[6][k])),
                    v[7][k + 1],
                    v[8][k],
                    interfaceName(Long.decode(v[9][k])),
                    interfaceName(Long.decode(v[10][k]))));
        }
        return lines;
    }

    /** Ours gives 0 where tshark shows 0x3FFFFFFF (traffic of the device itself). */
    private static String interfaceName(long tshark) {
        return String.valueOf(tshark == 0x3FFFFFFFL ? 0 : tshark);
    }

    private static String asTsharkLine(FlowRecord f) {
        return String.join(
                " ",
                f.src().getHostAddress(),
                f.dst().getHostAddress(),
                String.valueOf(f.protocol),
                String.valueOf(f.tos),
                String.valueOf(f.srcPort),
                String.valueOf(f.dstPort),
                String.valueOf(f.tcpFlags),
                String.valueOf(f.bytes),
                String.valueOf(f.samplingRate),
                String.valueOf(f.inputInterface),
                String.valueOf(f.outputInterface));
    }

    /** The datagrams as a classic pcap of Ethernet/IPv4/UDP frames to port 6343. */
    private static byte[] udpCapture(List<byte[]> datagrams) {
        ByteBuffer pcap = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        pcap.putInt(0xA1B2C3D4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535)
                .putInt(1);
        for (byte[] d : datagrams) {
            Wire udp = Wire.of().u16(50_000).u16(6343).u16(8 + d.length).u16(0).bytes(d);
            Wire ip = Wire.of()
                    .u8(0x45)
                    .u8(0)
                    .u16(28 + d.length)
                    .u32(0)
                    .u8(64)
                    .u8(17)
                    .u16(0);
            ip.ip("127.0.0.1").ip("127.0.0.1");
            byte[] frame = Packets.ethernet(
                            0x0800, Wire.of().bytes(withChecksum(ip.toArray())).bytes(udp))
                    .toArray();
            pcap.putInt(1_700_000_000)
                    .putInt(0)
                    .putInt(frame.length)
                    .putInt(frame.length)
                    .put(frame);
        }
        return Arrays.copyOf(pcap.array(), pcap.position());
    }
}
