package io.lastmile.billing.account.credential;

import io.lastmile.billing.peer.AuthApi;
import io.lastmile.billing.provisioning.OutputSink;
import io.lastmile.billing.provisioning.periodic.PeriodicJob;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Creates in auth the credential of every account that has none: the subscriber logs in with the
 * contract number (or the e-mail or phone, where the operator allows it) and sets a password
 * through a reset link. Runs through the spool every 30 seconds, so auth being down only delays
 * it. A credential auth already has counts as created; one it refuses (say, a contract number its
 * rules do not take) is set aside with auth's answer, for an operator, and not sent again.
 */
@Component
@ConditionalOnProperty("lastmile.platform.auth.issuer")
class AuthCredentialsJob implements PeriodicJob {

    /** At most this many accounts per run; the next run takes the rest. */
    static final int BATCH = 500;

    private final SubscriberCredentialRepository accounts;
    private final AuthApi auth;
    private final Clock clock;

    AuthCredentialsJob(SubscriberCredentialRepository accounts, AuthApi auth, Clock clock) {
        this.accounts = accounts;
        this.auth = auth;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "auth-credentials";
    }

    @Override
    public String cron() {
        return "*/30 * * * * *";
    }

    @Override
    public void run(OutputSink out) {
        List<SubscriberCredentialRepository.Pending> pending = accounts.pending(BATCH);
        if (pending.isEmpty()) {
            return;
        }
        RestClient api = auth.client();
        int created = 0;
        int refused = 0;
        for (SubscriberCredentialRepository.Pending account : pending) {
            try {
                api.post()
                        .uri("/api/v1/subscribers")
                        .body(body(account))
                        .retrieve()
                        .toBodilessEntity();
                accounts.created(account.id(), clock.instant());
                created++;
            } catch (HttpStatusCodeException e) {
                if (e.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)) {
                    accounts.created(account.id(), clock.instant()); // auth has it already
                    created++;
                } else if (e.getStatusCode().is4xxClientError()) {
                    String problem = "auth refused the credential: "
                            + e.getStatusCode().value() + " " + e.getResponseBodyAsString();
                    accounts.refused(account.id(), problem);
                    out.line(OutputSink.Stream.STDERR, "account " + account.id() + ": " + problem);
                    refused++;
                } else {
                    throw AuthApi.unavailable(e, created + " credentials created before");
                }
            } catch (RestClientException e) {
                throw AuthApi.unavailable(e, created + " credentials created before");
            }
        }
        out.line(
                OutputSink.Stream.STDOUT,
                created + " credentials created in auth" + (refused > 0 ? ", " + refused + " refused" : ""));
    }

    /** The logins of the account; no password: the subscriber sets one through a reset link. */
    private static Map<String, Object> body(SubscriberCredentialRepository.Pending account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", account.id());
        body.put("contract", account.contract());
        body.put("email", account.email());
        body.put("phone", account.phone());
        return body;
    }
}
