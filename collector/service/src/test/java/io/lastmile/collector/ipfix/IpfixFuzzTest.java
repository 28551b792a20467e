package io.lastmile.collector.ipfix;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lastmile.collector.netflow.wire.FuzzInput;
import io.lastmile.collector.netflow.wire.Wire;

/**
 * Fuzzes the IPFIX decoder over series of messages: never an exception, flows of the message's
 * observation domain only, bounds on templates and held bytes kept, nothing held after a day.
 */
class IpfixFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void fuzz(byte[] input) {
        IpfixDecoder decoder = new IpfixDecoder(FuzzInput.SMALL);
        FuzzInput.run(input, decoder, b -> FuzzInput.u32(b, 12), (b, out) -> {
            assertThat(decoder.heldBytes()).isBetween(0L, (long) FuzzInput.SMALL.holdBytesTotal());
            assertThat(decoder.templateCount(Wire.address("192.0.2.1")))
                    .isLessThanOrEqualTo(FuzzInput.SMALL.maxTemplatesPerExporter());
        });
        assertThat(decoder.heldBytes()).isZero();
    }
}
