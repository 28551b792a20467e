package io.lastmile.collector.netflow.v5;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lastmile.collector.netflow.wire.FuzzInput;

/** Fuzzes the v5 decoder: never an exception, and never more flows than whole records sent. */
class NetflowV5FuzzTest {

    @FuzzTest(maxDuration = "20s")
    void fuzz(byte[] input) {
        NetflowV5Decoder decoder = new NetflowV5Decoder(FuzzInput.SMALL);
        FuzzInput.run(input, decoder, b -> b.length >= 22 ? ((b[20] & 0xFF) << 8) | (b[21] & 0xFF) : -1, (b, out) -> {
            int present = Math.max(0, (b.length - 24) / 48);
            assertThat(out.flows).isLessThanOrEqualTo(Math.min(30, present));
            if (out.flows == 0) {
                assertThat(out.drops)
                        .as("a datagram that gives nothing is counted")
                        .isPositive();
            }
        });
    }
}
