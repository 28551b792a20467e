package io.lastmile.billing.traffic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A batch's rows after summing those of one key, in the order of the tables' primary keys
 * (account, minute, class, direction): every booking takes its row locks in this one order, so
 * parallel batches never deadlock.
 */
final class UsageRows {

    /** One (account, minute, class, direction) and what it carried. */
    record Row(long accountId, Instant minute, String trafficClass, String direction, long bytes, long packets) {
        static final Comparator<Row> KEY_ORDER = Comparator.comparingLong(Row::accountId)
                .thenComparing(Row::minute)
                .thenComparing(Row::trafficClass)
                .thenComparing(Row::direction);
    }

    private final List<Row> rows;

    UsageRows(Collection<Row> rows) {
        this.rows = new ArrayList<>(rows);
        this.rows.sort(Row.KEY_ORDER);
    }

    List<Row> rows() {
        return rows;
    }

    /** The accounts the rows name, ascending. */
    Set<Long> accounts() {
        Set<Long> accounts = new TreeSet<>();
        rows.forEach(r -> accounts.add(r.accountId()));
        return accounts;
    }

    /** The UTC months the rows' minutes fall in. */
    Set<YearMonth> months() {
        Set<YearMonth> months = new TreeSet<>();
        rows.forEach(r -> months.add(YearMonth.from(r.minute().atOffset(ZoneOffset.UTC))));
        return months;
    }

    /** Only the rows of `accounts`. */
    UsageRows of(Set<Long> accounts) {
        return new UsageRows(
                rows.stream().filter(r -> accounts.contains(r.accountId())).toList());
    }

    /**
     * What the batch books, as a hash: equal for the same rows however they were split or ordered,
     * different for any other number.
     */
    String hash() {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder line = new StringBuilder(96);
        for (Row r : rows) {
            line.setLength(0);
            line.append(r.accountId())
                    .append('|')
                    .append(r.minute().getEpochSecond())
                    .append('|')
                    .append(r.trafficClass())
                    .append('|')
                    .append(r.direction())
                    .append('|')
                    .append(r.bytes())
                    .append('|')
                    .append(r.packets())
                    .append('\n');
            sha256.update(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
