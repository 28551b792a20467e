package io.lastmile.collector.sflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.InterfaceCounters;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Jazzer fuzzes the decoder for 20 s in the build (the surefire execution "fuzz"): any exception
 * fails it. Half the inputs are raw bytes; the other half are wrapped in a valid datagram head and
 * sample framing, so that the fuzzer reaches the records without first guessing the head. A
 * datagram can hold no more flows and counters than it has 8-byte sample headers.
 */
class SflowDecoderFuzzTest {
    private static final InetAddress EXPORTER = Wire.inet("192.0.2.1");
    private static final int[] SAMPLE_FORMATS = {1, 2, 3, 4};

    private final SflowDecoder decoder = new SflowDecoder();

    @FuzzTest(maxDuration = "20s")
    void neverThrowsAndReportsNoMoreThanTheDatagramHolds(FuzzedDataProvider data) {
        byte[] datagram = data.consumeBoolean() ? data.consumeRemainingAsBytes() : framed(data);
        Counting out = new Counting();

        decoder.decode(EXPORTER, ByteBuffer.wrap(datagram), 1L, out);

        assertThat(out.flows + out.counters).isLessThanOrEqualTo(datagram.length / 8);
    }

    private static byte[] framed(FuzzedDataProvider data) {
        int sampleFormat = data.pickValue(SAMPLE_FORMATS);
        int records = data.consumeInt(0, 4);
        Wire sample = Wire.of().bytes(data.consumeBytes(data.consumeInt(0, 44)));
        sample.u32(records);
        for (int i = 0; i < records; i++) {
            byte[] body = data.consumeBytes(data.consumeInt(0, 200));
            sample.u32(data.pickValue(new int[] {1, 2, 3, 4, 1001, 1002, 1003, data.consumeInt()}));
            sample.u32(data.consumeBoolean() ? body.length : data.consumeInt()).bytes(body);
        }
        Wire d = Wire.of().u32(5).u32(1).ip("192.0.2.9").u32(0).u32(1).u32(2).u32(1);
        return d.item(sampleFormat, sample)
                .bytes(data.consumeRemainingAsBytes())
                .toArray();
    }

    private static final class Counting implements DecodeListener {
        int flows;
        int counters;

        @Override
        public void flow(FlowRecord flow) {
            assertThat(flow.ipVersion).isIn(0, 4, 6);
            flows++;
        }

        @Override
        public void dropped(DropReason reason) {
            assertThat(reason).isNotNull();
        }

        @Override
        public void counters(InterfaceCounters c) {
            counters++;
        }
    }
}
