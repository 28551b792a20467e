package io.lastmile.billing.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lastmile.billing.api.traffic.TrafficBatch;
import io.lastmile.billing.api.traffic.TrafficRow;
import io.lastmile.platform.web.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BatchCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:34:56Z");
    private static final Instant MINUTE = Instant.parse("2026-12-07T12:30:00Z");
    private static final TrafficProperties LIMITS = new TrafficProperties(Duration.ofDays(400), Duration.ofHours(1), 2);

    private static UsageRows check(List<TrafficRow> rows) {
        return new BatchCheck(NOW, LIMITS).check(new TrafficBatch(UUID.randomUUID(), "collector@test", rows));
    }

    private static TrafficRow row(long account, Instant minute, String direction, long bytes, long packets) {
        return new TrafficRow(account, minute, direction, "internet", bytes, packets);
    }

    @Test
    void sumsRowsOfOneKeyAndOrdersThemByKey() {
        UsageRows rows = check(List.of(
                row(2, MINUTE, "IN", 100, 1),
                row(1, MINUTE, "OUT", 5, 1),
                row(2, MINUTE, "IN", 50, 2),
                row(1, MINUTE, "IN", 7, 1)));

        assertThat(rows.rows())
                .containsExactly(
                        new UsageRows.Row(1, MINUTE, "internet", "IN", 7, 1),
                        new UsageRows.Row(1, MINUTE, "internet", "OUT", 5, 1),
                        new UsageRows.Row(2, MINUTE, "internet", "IN", 150, 3));
        assertThat(rows.accounts()).containsExactly(1L, 2L);
    }

    @Test
    void hashesWhatIsBookedNotHowItWasSplit() {
        String split = check(List.of(row(1, MINUTE, "IN", 60, 1), row(1, MINUTE, "IN", 40, 1)))
                .hash();
        String whole = check(List.of(row(1, MINUTE, "IN", 100, 2))).hash();
        String other = check(List.of(row(1, MINUTE, "IN", 101, 2))).hash();

        assertThat(split).isEqualTo(whole).isNotEqualTo(other);
    }

    @Test
    void namesEachBadFieldOfARow() {
        List<TrafficRow> rows = List.of(
                row(1, MINUTE.plusSeconds(12), "IN", 1, 1),
                row(1, MINUTE, "DOWN", 1, 1),
                row(1, MINUTE, "IN", -1, 1),
                new TrafficRow(null, MINUTE, "IN", "Internet!", 1L, 1L),
                row(1, NOW.minus(Duration.ofDays(500)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES), "IN", 1, 1));

        assertThatThrownBy(() -> check(rows))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .containsKeys(
                                "rows[0].minute",
                                "rows[1].direction",
                                "rows[2].bytes",
                                "rows[3].accountId",
                                "rows[3].trafficClass",
                                "rows[4].minute")
                        .hasEntrySatisfying("rows[0].minute", m -> assertThat(m).contains("seconds")));
    }

    @Test
    void refusesMoreRowsThanTheContractAllows() {
        List<TrafficRow> rows = new ArrayList<>(Collections.nCopies(50_001, row(1, MINUTE, "IN", 1, 1)));

        assertThatThrownBy(() -> check(rows)).isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        e.errors().get("rows"))
                .contains("at most 50000"));
        assertThat(check(rows.subList(0, 50_000)).rows()).singleElement().satisfies(r -> assertThat(r.bytes())
                .isEqualTo(50_000));
    }

    @Test
    void listsTheFirstProblemsAndCountsTheRest() {
        List<TrafficRow> rows = new ArrayList<>(Collections.nCopies(100, row(1, MINUTE, "SIDEWAYS", 1, 1)));

        assertThatThrownBy(() -> check(rows))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .hasSize(BatchCheck.MAX_PROBLEMS + 1)
                        .containsEntry("more", "80 more problems"));
    }

    @Test
    void refusesABatchWithoutItsIdOrSource() {
        assertThatThrownBy(() -> new BatchCheck(NOW, LIMITS).check(new TrafficBatch(null, " ", List.of())))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .containsOnlyKeys("batchId", "source"));
    }
}
