package io.lastmile.collector.pcap;

import static io.lastmile.collector.pcap.TestPcap.ethernet;
import static io.lastmile.collector.pcap.TestPcap.ipv4;
import static io.lastmile.collector.pcap.TestPcap.udp;
import static io.lastmile.collector.pcap.TestPcap.udp4;
import static io.lastmile.collector.pcap.TestPcap.udp6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapReaderTest {

    private static final byte[] A4 = {10, 0, 0, 1};
    private static final byte[] B4 = {10, 0, 0, 2};

    @TempDir
    Path dir;

    @Test
    void yieldsEachUdpDatagramWithItsSourcePortsTimeAndPayload() throws Exception {
        byte[] a6 = InetAddress.getByName("2001:db8::1").getAddress();
        byte[] b6 = InetAddress.getByName("2001:db8::2").getAddress();
        Path file = new TestPcap()
                .frame(1_700_000_000_123_456L, udp4(A4, B4, 40000, 2055, bytes("v4 payload")))
                .frame(1_700_000_001_000_000L, udp6(a6, b6, 40001, 6343, bytes("v6")))
                .write(dir.resolve("two.pcap"));

        List<UdpDatagram> got = new ArrayList<>();
        PcapStats stats = PcapReader.read(file, got::add);

        assertThat(stats.frames()).isEqualTo(2);
        assertThat(stats.datagrams()).isEqualTo(2);
        assertThat(stats.skipped()).isEmpty();
        UdpDatagram first = got.get(0);
        assertThat(first.frame()).isEqualTo(1);
        assertThat(first.captureMicros()).isEqualTo(1_700_000_000_123_456L);
        assertThat(first.captureMillis()).isEqualTo(1_700_000_000_123L);
        assertThat(first.source()).isEqualTo(InetAddress.getByAddress(A4));
        assertThat(first.sourcePort()).isEqualTo(40000);
        assertThat(first.destination()).isEqualTo(InetAddress.getByAddress(B4));
        assertThat(first.destinationPort()).isEqualTo(2055);
        assertThat(text(first.payload())).isEqualTo("v4 payload");
        UdpDatagram second = got.get(1);
        assertThat(second.frame()).isEqualTo(2);
        assertThat(second.source()).isEqualTo(InetAddress.getByName("2001:db8::1"));
        assertThat(second.destinationPort()).isEqualTo(6343);
        assertThat(text(second.payload())).isEqualTo("v6");
    }

    @Test
    void dropsEthernetPaddingAfterTheUdpLength() throws Exception {
        byte[] frame = udp4(A4, B4, 1, 2055, bytes("ab"));
        byte[] padded = java.util.Arrays.copyOf(frame, 60); // the minimum Ethernet frame, zero-padded
        Path file = new TestPcap().frame(0, padded).write(dir.resolve("padded.pcap"));

        List<UdpDatagram> got = new ArrayList<>();
        PcapReader.read(file, got::add);

        assertThat(got).singleElement().satisfies(d -> assertThat(text(d.payload()))
                .isEqualTo("ab"));
    }

    @Test
    void countsWhatItSkipsByReason() throws Exception {
        byte[] arp = ethernet(0x0806, new byte[28]);
        byte[] tcp = ethernet(0x0800, ipv4(A4, B4, 6, 0x4000, new byte[20]));
        byte[] firstFragment = ethernet(0x0800, ipv4(A4, B4, 17, 0x2000, udp(1, 2055, new byte[16])));
        byte[] laterFragment = ethernet(0x0800, ipv4(A4, B4, 17, 0x0003, new byte[16]));
        Path file = new TestPcap()
                .frame(0, arp)
                .frame(0, tcp)
                .frame(0, firstFragment)
                .frame(0, laterFragment)
                .frame(0, udp4(A4, B4, 1, 2055, bytes("kept")))
                .write(dir.resolve("mixed.pcap"));

        List<UdpDatagram> got = new ArrayList<>();
        PcapStats stats = PcapReader.read(file, got::add);

        assertThat(stats.frames()).isEqualTo(5);
        assertThat(stats.datagrams()).isEqualTo(1);
        assertThat(stats.skipped(SkipReason.NOT_IP)).isEqualTo(1);
        assertThat(stats.skipped(SkipReason.NOT_UDP)).isEqualTo(1);
        assertThat(stats.skipped(SkipReason.FRAGMENT)).isEqualTo(2);
        assertThat(got).singleElement().satisfies(d -> assertThat(d.frame()).isEqualTo(5));
    }

    @Test
    void skipsDatagramsCutByTheSnapLength() throws Exception {
        Path file = new TestPcap(60, 1)
                .frame(0, udp4(A4, B4, 1, 2055, new byte[100]))
                .frame(0, udp4(A4, B4, 1, 2055, new byte[10]))
                .write(dir.resolve("snap.pcap"));

        List<UdpDatagram> got = new ArrayList<>();
        PcapStats stats = PcapReader.read(file, got::add);

        assertThat(stats.skipped(SkipReason.TRUNCATED)).isEqualTo(1);
        assertThat(got).singleElement().satisfies(d -> assertThat(d.payload().remaining())
                .isEqualTo(10));
    }

    @Test
    void refusesCookedCapturesAndPcapngWithWhatToDo() throws Exception {
        Path cooked = new TestPcap(65535, 113).write(dir.resolve("any.pcap"));
        Path ng = Files.write(dir.resolve("x.pcapng"), new byte[] {0x0A, 0x0D, 0x0D, 0x0A, 0, 0, 0, 28});
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a capture file");

        assertThatThrownBy(() -> PcapReader.read(cooked, d -> {}))
                .isInstanceOf(PcapFormatException.class)
                .hasMessageContaining("tcpdump -i any");
        assertThatThrownBy(() -> PcapReader.read(ng, d -> {}))
                .isInstanceOf(PcapFormatException.class)
                .hasMessageContaining("editcap -F pcap");
        assertThatThrownBy(() -> PcapReader.read(text, d -> {}))
                .isInstanceOf(PcapFormatException.class)
                .hasMessageContaining("not a pcap file");
    }

    @Test
    void readsTheCommittedSoftflowdCapture() throws Exception {
        Path file = Path.of("src/test/resources/captures/softflowd-v5.pcap");

        List<UdpDatagram> got = new ArrayList<>();
        PcapStats stats = PcapReader.read(file, got::add);

        assertThat(stats.datagrams()).isEqualTo(1);
        UdpDatagram d = got.get(0);
        assertThat(d.source()).isEqualTo(InetAddress.getByName("10.77.0.1"));
        assertThat(d.destinationPort()).isEqualTo(2055);
        assertThat(d.payload().getShort(0)).isEqualTo((short) 5); // NetFlow v5 header: version
        assertThat(d.payload().remaining()).isEqualTo(24 + 6 * 48); // header + six 48-byte records
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return new String(a, StandardCharsets.US_ASCII);
    }
}
