package io.lastmile.billing.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.traffic.TrafficBatch;
import io.lastmile.billing.api.traffic.TrafficRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** Usage batches: each booked once, summed into minutes, hours and days alike. */
class TrafficBatchIT extends TrafficTestBase {

    @Test
    void booksABatchOnceAndAnswersItsReplayAsADuplicate() {
        long account = account("ONCE");
        TrafficBatch batch =
                batch(row(account, thisMinute(), "IN", 1000, 10), row(account, thisMinute(), "OUT", 200, 3));

        ResponseEntity<String> first = post(batch);
        ResponseEntity<String> replay = post(batch);

        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(json(first).get("duplicate").asBoolean()).isFalse();
        assertThat(json(first).get("rows").asInt()).isEqualTo(2);
        assertThat(json(first).get("batchId").asString())
                .isEqualTo(batch.batchId().toString());
        assertThat(replay.getStatusCode().value()).isEqualTo(200);
        assertThat(json(replay).get("duplicate").asBoolean()).isTrue();
        assertThat(json(replay).get("rows").asInt()).isEqualTo(2);
        assertThat(minuteBytes(account)).isEqualTo(1200);
    }

    @Test
    void booksTwentyParallelPostsOfOneBatchOnce() throws Exception {
        long account = account("PAR");
        TrafficBatch batch = batch(row(account, thisMinute(), "IN", 777, 7));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<ResponseEntity<String>>> posts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                posts.add(() -> post(batch));
            }
            List<JsonNode> answers = new ArrayList<>();
            for (Future<ResponseEntity<String>> f : pool.invokeAll(posts)) {
                assertThat(f.get().getStatusCode().value()).isEqualTo(200);
                answers.add(json(f.get()));
            }

            assertThat(answers).filteredOn(a -> !a.get("duplicate").asBoolean()).hasSize(1);
            assertThat(answers).filteredOn(a -> a.get("duplicate").asBoolean()).hasSize(19);
        } finally {
            pool.shutdownNow();
        }
        assertThat(minuteBytes(account)).isEqualTo(777);
        assertThat(hourBytes(account)).isEqualTo(777);
        assertThat(dayBytes(account)).isEqualTo(777);
    }

    @Test
    void refusesTheSameBatchIdWithOtherRows() {
        long account = account("CLASH");
        TrafficBatch batch = batch(row(account, thisMinute(), "IN", 100, 1));
        post(batch);

        ResponseEntity<String> other = post(
                new TrafficBatch(batch.batchId(), batch.source(), List.of(row(account, thisMinute(), "IN", 101, 1))));

        assertThat(other.getStatusCode().value()).isEqualTo(409);
        assertThat(json(other).get("detail").asString())
                .contains(batch.batchId().toString());
        assertThat(minuteBytes(account)).isEqualTo(100);
    }

    @Test
    void listsUnknownAccountsAndBooksTheRest() {
        long account = account("KNOWN");
        long missing = 987_654_321L;

        ResponseEntity<String> answer = post(batch(
                row(account, thisMinute(), "IN", 10, 1),
                row(missing, thisMinute(), "IN", 99, 1),
                row(missing, thisMinute(), "OUT", 99, 1)));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(json(answer).get("rows").asInt()).isEqualTo(1);
        assertThat(json(answer).get("unknownAccounts").valueStream().map(JsonNode::asLong))
                .containsExactly(missing);
        assertThat(minuteBytes(account)).isEqualTo(10);
        assertThat(minuteBytes(missing)).isZero();
    }

    @Test
    void refusesAMalformedBatchSayingWhatIsWrongAndBooksNothingOfIt() {
        long account = account("MAL");
        Instant minute = thisMinute();
        String body = """
                {"batchId": "%s", "source": "collector@127.0.1.6", "rows": [
                  {"accountId": %d, "minute": "%s", "direction": "IN", "trafficClass": "internet", "bytes": 5, "packets": 1},
                  {"accountId": %d, "minute": "%s", "direction": "IN", "trafficClass": "internet", "bytes": 5, "packets": 1}
                ]}""".formatted(UUID.randomUUID(), account, minute, account, minute.plusSeconds(30));

        ResponseEntity<String> answer = postJson(body);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getHeaders().getContentType().toString()).contains("problem+json");
        assertThat(json(answer).get("errors").get("rows[1].minute").asString()).contains("truncated to the minute");
        assertThat(minuteBytes(account)).isZero();
        assertThat(json(postJson("{\"batchId\": \"not-a-uuid\", \"source\": \"c\", \"rows\": []}"))
                        .get("errors")
                        .get("batchId")
                        .asString())
                .contains("UUID");
        assertThat(json(postJson(
                                "{\"batchId\": \"%s\", \"source\": \"c\", \"rows\": [{\"accountId\": 1, \"minute\": \"%s\","
                                                .formatted(UUID.randomUUID(), minute)
                                        + " \"direction\": \"IN\", \"trafficClass\": \"internet\", \"bytes\": -1, \"packets\": 0}]}"))
                        .get("errors")
                        .get("rows[0].bytes")
                        .asString())
                .contains("0 or more");
        assertThat(postJson("{\"batchId\": ").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void booksTheLargestBatchTheContractAllowsAndRefusesOneRowMore() {
        long account = account("BIG");
        Instant last = thisMinute().minus(1, ChronoUnit.HOURS);
        List<TrafficRow> rows = new ArrayList<>();
        for (int m = 0; m < 25_000; m++) { // 17 days of minutes, each in and out: 50,000 distinct rows
            rows.add(row(account, last.minus(m, ChronoUnit.MINUTES), "IN", m, 1));
            rows.add(row(account, last.minus(m, ChronoUnit.MINUTES), "OUT", 1, 1));
        }
        List<TrafficRow> tooMany = new ArrayList<>(rows);
        tooMany.add(row(account, last, "IN", 1, 1));

        ResponseEntity<String> refused = post(batch(tooMany.toArray(TrafficRow[]::new)));
        ResponseEntity<String> booked = post(batch(rows.toArray(TrafficRow[]::new)));

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(json(refused).get("errors").get("rows").asString()).contains("at most 50000");
        assertThat(booked.getStatusCode().value()).isEqualTo(200);
        assertThat(json(booked).get("rows").asInt()).isEqualTo(50_000);
        long expected = 25_000L * 24_999 / 2 + 25_000;
        assertThat(minuteBytes(account)).isEqualTo(expected);
        assertThat(hourBytes(account)).isEqualTo(expected);
        assertThat(dayBytes(account)).isEqualTo(expected);
    }

    @Test
    void rollsMinutesUpIntoHoursAndDaysOfTheAccountsZone() {
        long account = account("ROLL", "Asia/Yekaterinburg"); // UTC+5, no summer time
        Instant hour = thisMinute()
                .truncatedTo(ChronoUnit.DAYS)
                .minus(2, ChronoUnit.DAYS)
                .plus(18, ChronoUnit.HOURS);
        List<TrafficRow> rows = new ArrayList<>();
        long expected = 0;
        for (int m = 0; m < 120; m += 7) { // 18:00 to 19:59 UTC: the local day changes at 19:00 UTC
            rows.add(row(account, hour.plus(m, ChronoUnit.MINUTES), "IN", 1000 + m, 1));
            rows.add(row(account, hour.plus(m, ChronoUnit.MINUTES), "OUT", 10, 1));
            expected += 1000 + m + 10;
        }
        post(batch(rows.subList(0, 10).toArray(TrafficRow[]::new)));
        post(batch(rows.subList(10, rows.size()).toArray(TrafficRow[]::new)));
        post(batch(row(account, hour, "IN", 5, 1))); // a later batch adds to the same minute

        expected += 5;
        assertThat(minuteBytes(account)).isEqualTo(expected);
        assertThat(hourBytes(account)).isEqualTo(expected);
        assertThat(dayBytes(account)).isEqualTo(expected);
        assertThat(db().fetch(
                                "SELECT h.hour, h.direction, h.bytes, (SELECT sum(m.bytes) FROM traffic_minute m"
                                        + " WHERE m.account_id = h.account_id AND m.direction = h.direction"
                                        + " AND m.traffic_class = h.traffic_class AND date_trunc('hour', m.minute, 'UTC') = h.hour)"
                                        + " FROM traffic_hour h WHERE h.account_id = ?",
                                account))
                .hasSize(4)
                .allSatisfy(r -> assertThat(r.get(2, Long.class)).isEqualTo(r.get(3, Long.class)));
        var days = db().fetch(
                        "SELECT day, sum(bytes) FROM traffic_day WHERE account_id = ? GROUP BY day ORDER BY day",
                        account);
        LocalDate utcDay = hour.atOffset(ZoneOffset.UTC).toLocalDate();
        assertThat(days.getValues(0, LocalDate.class)).containsExactly(utcDay, utcDay.plusDays(1));
        long beforeLocalMidnight = db().fetchSingle(
                        "SELECT sum(bytes) FROM traffic_minute WHERE account_id = ? AND minute < ?::timestamptz",
                        account,
                        hour.plus(1, ChronoUnit.HOURS).toString())
                .get(0, Long.class);
        assertThat(days.get(0).get(1, Long.class)).isEqualTo(beforeLocalMidnight);
    }

    @Test
    void booksALateBatchForAMonthWithoutAPartitionYet() {
        long account = account("LATE");
        Instant old = thisMinute()
                .atOffset(ZoneOffset.UTC)
                .minusMonths(5)
                .withDayOfMonth(3)
                .toInstant();
        String partition = TrafficPartitions.name(YearMonth.from(old.atOffset(ZoneOffset.UTC)));

        ResponseEntity<String> answer = post(batch(row(account, old, "IN", 4242, 2)));
        ResponseEntity<String> again = post(batch(row(account, old, "OUT", 1, 1)));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(db().fetchValue(
                                "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                                        + " WHERE i.inhparent = 'traffic_minute'::regclass AND c.relname = ?",
                                partition))
                .isEqualTo(1L);
        assertThat(db().fetchValue("SELECT sum(bytes) FROM " + partition + " WHERE account_id = ?", account))
                .hasToString("4243");
        assertThat(dayBytes(account)).isEqualTo(4243);
    }

    @Test
    void hasPartitionsMadeAheadAtStart() {
        YearMonth now = YearMonth.from(thisMinute().atOffset(ZoneOffset.UTC));

        List<String> partitions = db().fetch("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'traffic_minute'::regclass")
                .getValues(0, String.class);

        assertThat(partitions).contains(TrafficPartitions.name(now), TrafficPartitions.name(now.plusMonths(1)));
    }

    private static TrafficBatch batch(TrafficRow... rows) {
        return new TrafficBatch(UUID.randomUUID(), "collector@127.0.1.6", List.of(rows));
    }

    static TrafficRow row(long account, Instant minute, String direction, long bytes, long packets) {
        return new TrafficRow(account, minute, direction, "internet", bytes, packets);
    }

    private long minuteBytes(long account) {
        return sum("traffic_minute", account);
    }

    private long hourBytes(long account) {
        return sum("traffic_hour", account);
    }

    private long dayBytes(long account) {
        return sum("traffic_day", account);
    }

    private long sum(String table, long account) {
        return db().fetchSingle("SELECT coalesce(sum(bytes), 0) FROM " + table + " WHERE account_id = ?", account)
                .get(0, Long.class);
    }
}
