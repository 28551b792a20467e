package io.lastmile.billing.provisioning.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.OutputSink.Stream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void marksEveryNulInALineAndLeavesOtherTextAlone() {
        List<String> lines = new ArrayList<>();
        var sink = StorableText.sink((stream, text) -> lines.add(stream + " " + text));

        sink.line(Stream.STDOUT, "a\0b\0");
        sink.line(Stream.STDERR, "tab\tand \u00e9 and \u0001");

        assertThat(lines).containsExactly("STDOUT a\u2400b\u2400", "STDERR tab\tand \u00e9 and \u0001");
    }

    @Test
    void marksNulsInAnOutcomesMessageAndKeepsItsKindAndStatus() {
        AttemptOutcome outcome = StorableText.outcome(AttemptOutcome.retry(7, "bad\0answer"));

        assertThat(outcome).isEqualTo(AttemptOutcome.retry(7, "bad\u2400answer"));
        AttemptOutcome clean = AttemptOutcome.success(0, "exit status 0");
        assertThat(StorableText.outcome(clean)).isSameAs(clean);
        assertThat(StorableText.outcome(AttemptOutcome.fail(null, null)).message())
                .isNull();
    }
}
