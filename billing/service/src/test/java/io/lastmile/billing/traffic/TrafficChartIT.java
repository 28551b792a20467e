package io.lastmile.billing.traffic;

import static io.lastmile.billing.traffic.TrafficBatchIT.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.traffic.TrafficBatch;
import io.lastmile.billing.api.traffic.TrafficRow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** An account's traffic by minute, hour and day, per class and direction; a subscriber sees their own. */
class TrafficChartIT extends TrafficTestBase {

    private long account;
    private Instant start;

    /** Three days ago at 10:00 UTC: 10:00, 10:01 and 11:30 in, 10:00 out (internet); 10:05 in (local). */
    @BeforeEach
    void usage() {
        account = account("CHART", "UTC");
        start = thisMinute()
                .truncatedTo(ChronoUnit.DAYS)
                .minus(3, ChronoUnit.DAYS)
                .plus(10, ChronoUnit.HOURS);
        List<TrafficRow> rows = List.of(
                row(account, start, "IN", 100, 1),
                row(account, start.plus(1, ChronoUnit.MINUTES), "IN", 200, 2),
                row(account, start.plus(90, ChronoUnit.MINUTES), "IN", 400, 4),
                row(account, start, "OUT", 50, 1),
                new TrafficRow(account, start.plus(5, ChronoUnit.MINUTES), "IN", "local", 7000L, 7L));
        assertThat(post(new TrafficBatch(UUID.randomUUID(), "collector@test", rows))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void chartsByMinute() {
        JsonNode chart = chart(start, start.plus(2, ChronoUnit.HOURS), "minute");

        JsonNode in = series(chart, "internet", "IN");
        assertThat(in.get("points").valueStream().map(p -> p.get("at").asString()))
                .containsExactly(
                        start.toString(),
                        start.plus(1, ChronoUnit.MINUTES).toString(),
                        start.plus(90, ChronoUnit.MINUTES).toString());
        assertThat(in.get("bytes").asLong()).isEqualTo(700);
        assertThat(series(chart, "internet", "OUT").get("bytes").asLong()).isEqualTo(50);
        assertThat(series(chart, "local", "IN").get("packets").asLong()).isEqualTo(7);
        assertThat(chart.get("series")).hasSize(3);
    }

    @Test
    void chartsByHourRoundingTheSpanToWholeHours() {
        JsonNode chart = chart(start.plus(20, ChronoUnit.MINUTES), start.plus(61, ChronoUnit.MINUTES), "hour");

        assertThat(chart.get("from").asString()).isEqualTo(start.toString());
        assertThat(chart.get("to").asString())
                .isEqualTo(start.plus(2, ChronoUnit.HOURS).toString());
        JsonNode in = series(chart, "internet", "IN");
        assertThat(in.get("points").valueStream().map(p -> p.get("bytes").asLong()))
                .containsExactly(300L, 400L);
    }

    @Test
    void chartsByDay() {
        JsonNode chart = chart(start.minus(2, ChronoUnit.DAYS), start.plus(2, ChronoUnit.DAYS), "day");

        JsonNode in = series(chart, "internet", "IN");
        assertThat(in.get("points")).hasSize(1);
        assertThat(in.get("points").get(0).get("at").asString())
                .isEqualTo(start.truncatedTo(ChronoUnit.DAYS).toString());
        assertThat(in.get("points").get(0).get("bytes").asLong()).isEqualTo(700);
        assertThat(chart.get("timeZone").asString()).isEqualTo("UTC");
    }

    @Test
    void leavesOutWhatIsOutsideTheSpan() {
        JsonNode chart = chart(start.plus(2, ChronoUnit.MINUTES), start.plus(80, ChronoUnit.MINUTES), "minute");

        assertThat(chart.get("series").valueStream().map(s -> s.get("trafficClass")
                        .asString()))
                .containsExactly("local");
    }

    @Test
    void refusesSpansTooLongForTheStep() {
        assertThat(answer(start, start.plus(3, ChronoUnit.DAYS), "minute")
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        assertThat(answer(start, start.plus(63, ChronoUnit.DAYS), "hour")
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        assertThat(answer(start, start.minus(1, ChronoUnit.HOURS), "hour")
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        ResponseEntity<String> badStep = answer(start, start.plus(1, ChronoUnit.HOURS), "week");
        assertThat(json(badStep).get("errors").get("step").asString()).contains("minute, hour or day");
    }

    @Test
    void showsASubscriberTheirOwnTrafficAndNoOneElses() {
        long other = account("CHART-OTHER");
        String token = TOKENS.subscriber(account);

        ResponseEntity<String> own = client(token)
                .get()
                .uri("/api/v1/accounts/{id}/traffic?from={f}&to={t}&step=hour", account, start, start.plusSeconds(7200))
                .retrieve()
                .toEntity(String.class);
        ResponseEntity<String> theirs = client(token)
                .get()
                .uri("/api/v1/accounts/{id}/traffic", other)
                .retrieve()
                .toEntity(String.class);

        assertThat(own.getStatusCode().value()).isEqualTo(200);
        assertThat(json(own).get("series")).hasSize(3);
        assertThat(theirs.getStatusCode().value()).isEqualTo(404);
        assertThat(admin().get()
                        .uri("/api/v1/accounts/999999999/traffic")
                        .retrieve()
                        .toEntity(String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    private JsonNode chart(Instant from, Instant to, String step) {
        ResponseEntity<String> answer = answer(from, to, step);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return json(answer);
    }

    private ResponseEntity<String> answer(Instant from, Instant to, String step) {
        return admin().get()
                .uri("/api/v1/accounts/{id}/traffic?from={f}&to={t}&step={s}", account, from, to, step)
                .retrieve()
                .toEntity(String.class);
    }

    private static JsonNode series(JsonNode chart, String trafficClass, String direction) {
        return chart.get("series")
                .valueStream()
                .filter(s -> s.get("trafficClass").asString().equals(trafficClass)
                        && s.get("direction").asString().equals(direction))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no series " + trafficClass + " " + direction + " in " + chart));
    }
}
