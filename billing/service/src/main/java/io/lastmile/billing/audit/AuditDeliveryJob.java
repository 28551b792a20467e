package io.lastmile.billing.audit;

import io.lastmile.billing.peer.AuthApi;
import io.lastmile.billing.provisioning.OutputSink;
import io.lastmile.billing.provisioning.periodic.PeriodicJob;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Reports the recorded privileged actions to auth's audit ({@code POST /api/v1/audit}, billing's
 * service token with audit.write), oldest first, every ten seconds through the spool. Auth stamps
 * the time it is told, so the action's own time goes in the detail. A report auth refuses is kept
 * here with its answer and the rest go on; while auth is away they wait, in order. A report whose
 * answer was lost is sent again: the audit may hold it twice, never not at all.
 */
@Component
@ConditionalOnProperty("lastmile.platform.auth.issuer")
class AuditDeliveryJob implements PeriodicJob {

    static final int BATCH = 500;
    static final int DETAIL_AT_MOST = 3_990;

    private final AuditOutboxRepository outbox;
    private final AuthApi auth;
    private final Clock clock;

    AuditDeliveryJob(AuditOutboxRepository outbox, AuthApi auth, Clock clock) {
        this.outbox = outbox;
        this.auth = auth;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "audit-to-auth";
    }

    @Override
    public String cron() {
        return "*/10 * * * * *";
    }

    @Override
    public void run(OutputSink out) {
        var unsent = outbox.unsent(BATCH);
        if (unsent.isEmpty()) {
            return;
        }
        RestClient api = auth.client();
        int sent = 0;
        for (var action : unsent) {
            try {
                api.post().uri("/api/v1/audit").body(report(action)).retrieve().toBodilessEntity();
                outbox.sent(action.id(), clock.instant());
                sent++;
            } catch (HttpStatusCodeException e) {
                if (!e.getStatusCode().is4xxClientError()) {
                    throw AuthApi.unavailable(e, sent + " reported before");
                }
                String problem =
                        "auth refused the report: " + e.getStatusCode().value() + " " + e.getResponseBodyAsString();
                outbox.refused(action.id(), problem);
                out.line(OutputSink.Stream.STDERR, "audit record " + action.id() + ": " + problem);
            } catch (RestClientException e) {
                throw AuthApi.unavailable(e, sent + " reported before");
            }
        }
        out.line(OutputSink.Stream.STDOUT, sent + " actions reported to auth's audit");
    }

    private static Map<String, Object> report(AuditOutboxRepository.Unsent action) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("actor", action.actor());
        body.put("subject", action.subject());
        body.put("action", action.action());
        // auth records a key once: a report sent again after a lost answer is not doubled
        body.put("key", "audit_outbox:" + action.id());
        String at = "at " + action.at();
        String detail = action.detail() == null || action.detail().isBlank() ? at : at + "; " + action.detail();
        // auth takes at most 4,000 characters
        body.put("detail", detail.length() > DETAIL_AT_MOST ? detail.substring(0, DETAIL_AT_MOST) + "…" : detail);
        return body;
    }
}
