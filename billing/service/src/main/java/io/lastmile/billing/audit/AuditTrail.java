package io.lastmile.billing.audit;

import io.lastmile.billing.sql.Jdbc;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a privileged action for auth's audit, in the transaction of the action itself: a
 * rolled-back correction leaves no record, a committed one is reported however long auth is away.
 */
@Component
public class AuditTrail {

    private final Jdbc jdbc;
    private final Clock clock;

    AuditTrail(DSLContext db, Clock clock) {
        this.jdbc = new Jdbc(db);
        this.clock = clock;
    }

    /**
     * @param actor who acted (the operator's login, or the client that called)
     * @param action lower-case words with dots, e.g. {@code ledger.correction}
     * @param subject what it was done to, e.g. {@code account 42}
     * @param detail what exactly, never a secret
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String actor, String action, String subject, String detail) {
        jdbc.update(
                "INSERT INTO audit_outbox (at, actor, action, subject, detail) VALUES (?::timestamptz, ?, ?, ?, ?)",
                p -> p.instant(clock.instant())
                        .value(actor == null || actor.isBlank() ? "unknown" : actor)
                        .value(action)
                        .value(subject)
                        .value(detail));
    }
}
