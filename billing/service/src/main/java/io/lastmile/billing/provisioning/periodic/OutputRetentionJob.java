package io.lastmile.billing.provisioning.periodic;

import io.lastmile.billing.provisioning.OutputSink;
import io.lastmile.billing.sql.Jdbc;
import java.time.Clock;
import java.time.Duration;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Deletes the output lines of attempts that ended longer ago than the retention (180 days by
 * default); attempts and tasks themselves are kept, so the history of what ran stays complete.
 */
@Component
class OutputRetentionJob implements PeriodicJob {

    private final Jdbc jdbc;
    private final Clock clock;
    private final Duration retention;

    OutputRetentionJob(
            DSLContext db, Clock clock, @Value("${lastmile.billing.spool.output-retention:P180D}") Duration retention) {
        this.jdbc = new Jdbc(db);
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public String name() {
        return "spool-output-retention";
    }

    @Override
    public String cron() {
        return "0 17 3 * * *";
    }

    @Override
    public void run(OutputSink out) {
        int deleted = jdbc.update(
                "DELETE FROM spool_output o USING spool_attempt a WHERE o.attempt_id = a.id"
                        + " AND a.ended_at < ?::timestamptz",
                p -> p.instant(clock.instant().minus(retention)));
        out.line(OutputSink.Stream.STDOUT, "output lines deleted: " + deleted);
    }
}
