package io.lastmile.billing.account.credential;

import io.lastmile.billing.sql.Jdbc;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Which accounts' credentials auth still needs to have or to hear of, and what came of sending them. */
@Repository
class SubscriberCredentialRepository {

    /**
     * An account as auth's credential needs it: its logins and whether it is closed, never a
     * password; {@code version} counts the changes of these (V16's trigger).
     */
    record Account(long id, String contract, String email, String phone, boolean closed, int version) {}

    private static final String COLUMNS =
            "SELECT id, contract, email, phone, status = 'CLOSED', credential_version FROM account";

    private final Jdbc jdbc;

    SubscriberCredentialRepository(DSLContext db) {
        this.jdbc = new Jdbc(db);
    }

    /** Accounts without a credential in auth. */
    List<Account> withoutCredential(int limit) {
        return jdbc.query(
                COLUMNS + " WHERE credential_created_at IS NULL AND credential_problem IS NULL ORDER BY id LIMIT ?",
                p -> p.value(limit),
                SubscriberCredentialRepository::account);
    }

    /** Accounts whose logins or closing changed since their credential was last sent. */
    List<Account> changed(int limit) {
        return jdbc.query(
                COLUMNS + " WHERE credential_created_at IS NOT NULL AND credential_problem IS NULL"
                        + " AND credential_synced_version < credential_version ORDER BY id LIMIT ?",
                p -> p.value(limit),
                SubscriberCredentialRepository::account);
    }

    /**
     * Auth has the account's credential as the account was at {@code account.version()}; a change
     * made since stays ahead of it and is sent next time.
     */
    void created(Account account, Instant at) {
        jdbc.update(
                "UPDATE account SET credential_created_at = coalesce(credential_created_at, ?::timestamptz),"
                        + " credential_synced_version = ?,"
                        + " credential_problem = NULL WHERE id = ?",
                p -> p.instant(at).value(account.version()).value(account.id()));
    }

    void refused(long accountId, String problem) {
        jdbc.update("UPDATE account SET credential_problem = ? WHERE id = ?", p -> p.value(problem)
                .value(accountId));
    }

    private static Account account(java.sql.ResultSet r) throws java.sql.SQLException {
        return new Account(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getBoolean(5), r.getInt(6));
    }
}
