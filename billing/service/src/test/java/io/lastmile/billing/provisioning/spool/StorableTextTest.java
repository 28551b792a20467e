package io.lastmile.billing.provisioning.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.OutputSink.Stream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void marksEveryNulInALineAnAttemptPrintsAndLeavesOtherTextAlone() {
        List<String> lines = new ArrayList<>();
        var output = new AttemptOutput(
                1, Clock.systemUTC(), (attempt, written) -> written.forEach(l -> lines.add(l.text())));

        output.line(Stream.STDOUT, "a\0b\0");
        output.line(Stream.STDERR, "tab\tand \u00e9 and \u0001");

        assertThat(output.drain())
                .extracting(AttemptOutput.Line::text)
                .containsExactly("a\u2400b\u2400", "tab\tand \u00e9 and \u0001");
        assertThat(lines).isEmpty();
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
