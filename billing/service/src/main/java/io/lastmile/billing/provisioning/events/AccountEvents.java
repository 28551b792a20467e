package io.lastmile.billing.provisioning.events;

import io.lastmile.billing.account.AccountRegistered;
import io.lastmile.billing.ledger.PaymentBooked;
import io.lastmile.billing.provisioning.bind.Bindings;
import io.lastmile.billing.sql.Jdbc;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events of an account rather than a service (REGISTERED, PAYMENT, FORECAST, PASSWORD_RESET, or a
 * custom one), written in the transaction of what caused them; one something is bound to waits in
 * the outbox for the dispatcher, like a service's.
 */
@Component
public class AccountEvents {

    public static final String REGISTERED = "REGISTERED";
    public static final String PAYMENT = "PAYMENT";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Jdbc jdbc;
    private final Bindings bindings;
    private final Clock clock;

    AccountEvents(DSLContext db, Bindings bindings, Clock clock) {
        this.jdbc = new Jdbc(db);
        this.bindings = bindings;
        this.clock = clock;
    }

    /** How many events {@code actor} wrote for the account since {@code since}. */
    public int countByActorSince(long accountId, String actor, java.time.Instant since) {
        return jdbc.query(
                        "SELECT count(*) FROM account_event WHERE account_id = ? AND actor = ?"
                                + " AND created_at > ?::timestamptz",
                        p -> p.value(accountId).value(actor).instant(since),
                        r -> r.getInt(1))
                .getFirst();
    }

    /** Writes the event; answers its id and whether commands will run for it. */
    public Raised raise(long accountId, String event, String detail, Map<String, ?> payload, String actor) {
        boolean listened = bindings.listens(event, null);
        long id = jdbc.query(
                        "INSERT INTO account_event (account_id, event, detail, payload, actor, dispatch, created_at)"
                                + " VALUES (?, ?, ?, ?::jsonb, ?, ?, ?::timestamptz) RETURNING id",
                        p -> p.value(accountId)
                                .value(event)
                                .value(detail)
                                .value(JSON.writeValueAsString(payload == null ? Map.of() : payload))
                                .value(actor)
                                .value(listened ? "PENDING" : null)
                                .instant(clock.instant()),
                        r -> r.getLong(1))
                .getFirst();
        return new Raised(id, listened);
    }

    /** An account event as written. */
    public record Raised(long id, boolean dispatched) {}

    @EventListener
    void registered(AccountRegistered registered) {
        if (bindings.listens(REGISTERED, null)) {
            raise(registered.accountId(), REGISTERED, null, Map.of(), "billing");
        }
    }

    @EventListener
    void paid(PaymentBooked payment) {
        if (bindings.listens(PAYMENT, null)) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("amount", payment.amount().toPlainString());
            payload.put("currency", payment.currency());
            payload.put("entry_id", payment.entryId());
            payload.put("method", payment.method());
            raise(payment.accountId(), PAYMENT, payment.amount() + " " + payment.currency(), payload, "billing");
        }
    }
}
