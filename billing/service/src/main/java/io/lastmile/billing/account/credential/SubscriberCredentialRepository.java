package io.lastmile.billing.account.credential;

import io.lastmile.billing.sql.Jdbc;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Which accounts still need their credential in auth, and what came of sending them. */
@Repository
class SubscriberCredentialRepository {

    /** An account as auth's credential needs it: its logins, never a password. */
    record Pending(long id, String contract, String email, String phone) {}

    private final Jdbc jdbc;

    SubscriberCredentialRepository(DSLContext db) {
        this.jdbc = new Jdbc(db);
    }

    List<Pending> pending(int limit) {
        return jdbc.query(
                "SELECT id, contract, email, phone FROM account WHERE credential_created_at IS NULL"
                        + " AND credential_problem IS NULL ORDER BY id LIMIT ?",
                p -> p.value(limit),
                r -> new Pending(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)));
    }

    void created(long accountId, Instant at) {
        jdbc.update(
                "UPDATE account SET credential_created_at = ?::timestamptz, credential_problem = NULL WHERE id = ?",
                p -> p.instant(at).value(accountId));
    }

    void refused(long accountId, String problem) {
        jdbc.update("UPDATE account SET credential_problem = ? WHERE id = ?", p -> p.value(problem)
                .value(accountId));
    }
}
