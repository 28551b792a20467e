package io.lastmile.billing.provisioning.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.provisioning.OutputSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptOutputTest {

    private final List<List<Integer>> writes = new ArrayList<>();
    private final AttemptOutput output = new AttemptOutput(
            7,
            Clock.systemUTC(),
            (attempt, lines) ->
                    writes.add(lines.stream().map(AttemptOutput.Line::lineNo).toList()));

    @Test
    void aBurstWaitsAndTheRestIsHandedToTheEndOfTheAttempt() {
        output.line(OutputSink.Stream.STDOUT, "one");
        output.line(OutputSink.Stream.STDERR, "two");

        assertThat(writes).isEmpty();
        assertThat(output.drain()).extracting(AttemptOutput.Line::text).containsExactly("one", "two");
        assertThat(output.drain()).isEmpty();
    }

    @Test
    void linesThatWaitedAQuarterSecondAreWrittenByTheFlusherInOneGo() throws InterruptedException {
        output.line(OutputSink.Stream.STDOUT, "one");
        output.line(OutputSink.Stream.STDOUT, "two");
        output.flushIfDue();
        assertThat(writes).isEmpty();

        Thread.sleep(AttemptOutput.EVERY.toMillis() + 50);
        output.flushIfDue();

        assertThat(writes).containsExactly(List.of(1, 2));
        assertThat(output.drain()).isEmpty();
    }

    @Test
    void aLineAfterAQuietSpellIsWrittenAtOnceAndNumberingGoesOn() throws InterruptedException {
        output.line(OutputSink.Stream.STDOUT, "one");
        Thread.sleep(AttemptOutput.EVERY.toMillis() + 50);

        output.line(OutputSink.Stream.STDOUT, "two");
        output.line(OutputSink.Stream.STDOUT, "three");

        assertThat(writes).containsExactly(List.of(1, 2));
        assertThat(output.drain()).extracting(AttemptOutput.Line::lineNo).containsExactly(3);
    }
}
