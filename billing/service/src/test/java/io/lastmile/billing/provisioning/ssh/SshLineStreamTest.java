package io.lastmile.billing.provisioning.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.provisioning.OutputSink.Stream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SshLineStreamTest {

    @Test
    void emitsEachLineWhenItsNewlineArrivesEvenAcrossChunks() {
        RecordingSink sink = new RecordingSink();
        SshLineStream lines = new SshLineStream(sink, Stream.STDOUT);

        lines.write("one\r\ntw".getBytes(StandardCharsets.UTF_8), 0, 7);
        assertThat(sink.of(Stream.STDOUT)).containsExactly("one");
        byte[] rest = "o\nthr€e".getBytes(StandardCharsets.UTF_8);
        lines.write(rest, 0, rest.length);
        assertThat(sink.of(Stream.STDOUT)).containsExactly("one", "two");
        lines.finish();

        assertThat(sink.of(Stream.STDOUT)).containsExactly("one", "two", "thr€e");
    }

    @Test
    void cutsOverlongLines() {
        RecordingSink sink = new RecordingSink();
        SshLineStream lines = new SshLineStream(sink, Stream.STDERR);

        byte[] big = "x".repeat(SshLineStream.MAX_LINE + 5).getBytes(StandardCharsets.US_ASCII);
        lines.write(big, 0, big.length);
        lines.finish();

        assertThat(sink.of(Stream.STDERR)).extracting(String::length).containsExactly(SshLineStream.MAX_LINE, 5);
    }
}
