package io.lastmile.billing.period;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LocalTimesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void resolvesATimeSkippedBySpringForwardToTheEndOfTheGap() {
        assertThat(LocalTimes.firstReached(LocalDateTime.parse("2026-03-29T02:30"), BERLIN)
                        .toOffsetDateTime())
                .hasToString("2026-03-29T03:00+02:00");
    }

    @Test
    void resolvesATimeThatHappensTwiceToItsFirstOccurrence() {
        assertThat(LocalTimes.firstReached(LocalDateTime.parse("2026-10-25T02:30"), BERLIN)
                        .toOffsetDateTime())
                .hasToString("2026-10-25T02:30+02:00");
    }

    @Test
    void keepsAnOrdinaryTimeAsItIs() {
        assertThat(LocalTimes.firstReached(LocalDateTime.parse("2026-07-01T12:00"), BERLIN)
                        .toOffsetDateTime())
                .hasToString("2026-07-01T12:00+02:00");
        assertThat(LocalTimes.firstReached(LocalDateTime.parse("2026-07-01T12:00"), ZoneOffset.ofHours(3))
                        .toOffsetDateTime())
                .hasToString("2026-07-01T12:00+03:00");
    }
}
