package io.lastmile.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel's drops column of /proc/net/udp, for a real socket that overflows. */
class KernelDropsTest {

    @Test
    void readsTheDropsOfASocketWhoseBufferOverflowed() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket full = new DatagramSocket(null);
                DatagramSocket other = new DatagramSocket(new InetSocketAddress(loopback, 0));
                DatagramSocket sender = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            full.setReceiveBufferSize(4096);
            full.bind(new InetSocketAddress(loopback, 0));
            KernelDrops kernel = new KernelDrops();
            List<KernelDrops.Socket> socket = List.of(new KernelDrops.Socket(0, full.getLocalPort()));
            List<KernelDrops.Socket> untouched = List.of(new KernelDrops.Socket(0, other.getLocalPort()));
            assertThat(kernel.drops(socket)).isZero();

            byte[] payload = new byte[1000];
            for (int i = 0; i < 500; i++) {
                sender.send(new DatagramPacket(payload, payload.length, loopback, full.getLocalPort()));
            }

            // nothing reads the socket: all but the few that fit its 4 KiB (doubled) were dropped
            assertThat(kernel.drops(socket)).isBetween(400L, 500L);
            assertThat(kernel.drops(untouched)).isZero();
        }
    }

    @Test
    void matchesALineByInodeWhenItIsKnownElseByLocalPort() {
        String line = "  412: 0100007F:0807 00000000:0000 07 00000000:00000000 00:00000000 00000000"
                + "     0        0 918273 2 0000000000000000 37";

        assertThat(KernelDrops.drops(line, List.of(new KernelDrops.Socket(0, 2055))))
                .isEqualTo(37);
        assertThat(KernelDrops.drops(line, List.of(new KernelDrops.Socket(918273, 1))))
                .isEqualTo(37);
        assertThat(KernelDrops.drops(line, List.of(new KernelDrops.Socket(5, 2055))))
                .isZero();
        assertThat(KernelDrops.drops(line, List.of(new KernelDrops.Socket(0, 4739))))
                .isZero();
        assertThat(KernelDrops.drops("garbage", List.of(new KernelDrops.Socket(0, 2055))))
                .isZero();
    }
}
