package io.lastmile.collector.netflow.v9;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lastmile.collector.netflow.wire.FuzzInput;
import io.lastmile.collector.netflow.wire.Wire;

/**
 * Fuzzes the v9 decoder over series of datagrams: never an exception, flows of the packet's source
 * id only, bounds on templates and held bytes kept, nothing held after a day.
 */
class NetflowV9FuzzTest {

    @FuzzTest(maxDuration = "20s")
    void fuzz(byte[] input) {
        NetflowV9Decoder decoder = new NetflowV9Decoder(FuzzInput.SMALL);
        FuzzInput.run(input, decoder, b -> FuzzInput.u32(b, 16), (b, out) -> {
            assertThat(decoder.heldBytes()).isBetween(0L, (long) FuzzInput.SMALL.holdBytesTotal());
            assertThat(decoder.templateCount(Wire.address("192.0.2.1")))
                    .isLessThanOrEqualTo(FuzzInput.SMALL.maxTemplatesPerExporter());
        });
        assertThat(decoder.heldBytes()).isZero();
    }
}
