package io.lastmile.collector.netflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.PacketDecoder;
import io.lastmile.collector.ipfix.IpfixDecoder;
import io.lastmile.collector.netflow.v5.NetflowV5Decoder;
import io.lastmile.collector.netflow.v9.NetflowV9Decoder;
import io.lastmile.collector.netflow.wire.Recorder;
import io.lastmile.collector.netflow.wire.Wire;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real exporter: Debian's softflowd (1.1.0: not given -c, with which it hangs on a capture) reads a capture written here (10 TCP and 10 UDP packets over
 * 9 seconds) and exports its two flows as NetFlow v5, v9 or IPFIX to a socket of the test; our
 * decoders must find exactly the traffic of the capture.
 */
class SoftflowdExportIT {
    /** The capture's first second: recent, as softflowd stamps flows relative to its own start. */
    private static final long FIRST_SECOND = System.currentTimeMillis() / 1000 - 60;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {5, 9, 10})
    void decodesWhatSoftflowdExportsFromACapture(int version) throws Exception {
        Path pcap = dir.resolve("traffic.pcap");
        Files.write(pcap, capture());
        Recorder out = new Recorder();
        PacketDecoder decoder =
                switch (version) {
                    case 5 -> new NetflowV5Decoder(NetflowProperties.defaults());
                    case 9 -> new NetflowV9Decoder(NetflowProperties.defaults());
                    default -> new IpfixDecoder(NetflowProperties.defaults());
                };

        int datagrams = export(pcap, version, decoder, out);

        assertThat(datagrams).isPositive();
        assertThat(out.totalDrops()).as("drops %s", out.drops).isZero();
        assertThat(out.flows).hasSize(2);
        out.flows.sort(Comparator.comparingInt(f -> f.protocol));
        FlowRecord tcp = out.flows.get(0);
        assertThat(tcp.protocol).isEqualTo(6);
        assertThat(tcp.src()).isEqualTo(Wire.address("10.0.0.1"));
        assertThat(tcp.dst()).isEqualTo(Wire.address("203.0.113.1"));
        assertThat(tcp.srcPort).isEqualTo(40000);
        assertThat(tcp.dstPort).isEqualTo(80);
        assertThat(tcp.packets).isEqualTo(10);
        assertThat(tcp.bytes).isEqualTo(10 * 140);
        assertThat(tcp.tcpFlags & 0x18).isEqualTo(0x18);
        // v9's header has whole seconds only: its times may be up to a second early
        assertThat(tcp.startMillis).isBetween(FIRST_SECOND * 1000 - 1000, FIRST_SECOND * 1000);
        assertThat(tcp.endMillis - tcp.startMillis).isBetween(8999L, 9001L);
        FlowRecord udp = out.flows.get(1);
        assertThat(udp.protocol).isEqualTo(17);
        assertThat(udp.src()).isEqualTo(Wire.address("10.0.0.2"));
        assertThat(udp.dstPort).isEqualTo(53);
        assertThat(udp.packets).isEqualTo(10);
        assertThat(udp.bytes).isEqualTo(10 * 78);
    }

    private static int export(Path pcap, int version, PacketDecoder decoder, Recorder out)
            throws IOException, InterruptedException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(2000);
            String target = "127.0.0.1:" + socket.getLocalPort();
            Process softflowd = new ProcessBuilder(
                            "softflowd", "-r", pcap.toString(), "-n", target, "-v", Integer.toString(version))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assertThat(softflowd.waitFor(30, TimeUnit.SECONDS))
                    .as("softflowd ends at the capture's end")
                    .isTrue();
            assertThat(softflowd.exitValue()).isZero();
            int datagrams = 0;
            byte[] buffer = new byte[65535];
            while (true) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException done) {
                    return datagrams;
                }
                datagrams++;
                decoder.decode(
                        p.getAddress(), ByteBuffer.wrap(buffer, 0, p.getLength()), System.currentTimeMillis(), out);
            }
        }
    }

    /** A classic pcap (Ethernet) of a TCP and a UDP conversation, one packet of each a second. */
    private static byte[] capture() {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B2C3D4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535)
                .putInt(1);
        for (int i = 0; i < 10; i++) {
            frame(b, FIRST_SECOND + i, ipv4(6, "10.0.0.1", "203.0.113.1", tcp(40000, 80, 100)));
            frame(b, FIRST_SECOND + i, ipv4(17, "10.0.0.2", "203.0.113.2", udp(5353, 53, 50)));
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    private static void frame(ByteBuffer b, long second, byte[] ip) {
        b.putInt((int) second).putInt(0).putInt(14 + ip.length).putInt(14 + ip.length);
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0}).put(ip);
    }

    private static byte[] ipv4(int protocol, String src, String dst, byte[] l4) {
        Wire header = Wire.of()
                .u8(0x45)
                .u8(0)
                .u16(20 + l4.length)
                .u16(1)
                .u16(0)
                .u8(64)
                .u8(protocol)
                .u16(0);
        byte[] h = header.ip(src).ip(dst).toArray();
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((h[i] & 0xFF) << 8) | (h[i + 1] & 0xFF);
        }
        sum = (sum >>> 16) + (sum & 0xFFFF);
        sum = ~(sum + (sum >>> 16)) & 0xFFFF;
        h[10] = (byte) (sum >>> 8);
        h[11] = (byte) sum;
        return Wire.of().bytes(h).bytes(l4).toArray();
    }

    private static byte[] tcp(int src, int dst, int payload) {
        return Wire.of()
                .u16(src)
                .u16(dst)
                .u32(1)
                .u32(0)
                .u8(0x50)
                .u8(0x18)
                .u16(65535)
                .u16(0)
                .u16(0)
                .zeros(payload)
                .toArray();
    }

    private static byte[] udp(int src, int dst, int payload) {
        return Wire.of()
                .u16(src)
                .u16(dst)
                .u16(8 + payload)
                .u16(0)
                .zeros(payload)
                .toArray();
    }
}
