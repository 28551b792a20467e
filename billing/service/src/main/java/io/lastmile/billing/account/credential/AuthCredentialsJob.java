package io.lastmile.billing.account.credential;

import io.lastmile.billing.account.credential.SubscriberCredentialRepository.Account;
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
 * Keeps each account's credential in auth as the account is: creates it for an account that has
 * none (the subscriber logs in with the contract number, or the e-mail or phone where the
 * operator allows it, and sets a password through a reset link), sends new logins when the
 * contract number, e-mail or phone change, and disables the login of a closed account (enables it
 * when the account is opened again). Runs through the spool every 30 seconds, so auth being down
 * only delays it. A credential auth already has counts as created; logins it refuses (say, an
 * e-mail that is another subscriber's) are set aside with auth's answer, for an operator, until
 * one of them changes.
 */
@Component
@ConditionalOnProperty("lastmile.platform.auth.issuer")
class AuthCredentialsJob implements PeriodicJob {

    /** At most this many accounts of each kind per run; the next run takes the rest. */
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
        List<Account> missing = accounts.withoutCredential(BATCH);
        List<Account> changed = accounts.changed(BATCH);
        if (missing.isEmpty() && changed.isEmpty()) {
            return;
        }
        RestClient api = auth.client();
        Tally tally = new Tally();
        for (Account account : missing) {
            send(out, tally, account, () -> create(api, account, true));
        }
        for (Account account : changed) {
            send(out, tally, account, () -> update(api, account, true));
        }
        out.line(OutputSink.Stream.STDOUT, tally.toString());
    }

    /** {@code orUpdate}: on a 409 send the logins instead (once; auth disagreeing twice is a refusal). */
    private void create(RestClient api, Account account, boolean orUpdate) {
        try {
            api.post()
                    .uri("/api/v1/subscribers")
                    .body(logins(account))
                    .retrieve()
                    .toBodilessEntity();
        } catch (HttpStatusCodeException e) {
            if (!orUpdate || !e.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)) {
                throw e;
            }
            // auth has it already (an earlier run's answer was lost): bring it up to date
            update(api, account, false);
            return;
        }
        if (account.closed()) {
            enabled(api, account, false);
        }
        accounts.created(account, clock.instant());
    }

    /** {@code orCreate}: on a 404 create the credential instead (once). */
    private void update(RestClient api, Account account, boolean orCreate) {
        try {
            api.put()
                    .uri("/api/v1/subscribers/{id}/logins", account.id())
                    .body(logins(account))
                    .retrieve()
                    .toBodilessEntity();
        } catch (HttpStatusCodeException e) {
            if (!orCreate || !e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                throw e;
            }
            create(api, account, false); // auth lost it (its database restored from an older backup)
            return;
        }
        enabled(api, account, !account.closed());
        accounts.created(account, clock.instant());
    }

    private static void enabled(RestClient api, Account account, boolean enabled) {
        api.post()
                .uri("/api/v1/subscribers/{id}/" + (enabled ? "enable" : "disable"), account.id())
                .retrieve()
                .toBodilessEntity();
    }

    /** Runs one account's calls; a refusal sets the account aside, auth not answering ends the run. */
    private void send(OutputSink out, Tally tally, Account account, Runnable calls) {
        try {
            calls.run();
            tally.sent++;
        } catch (HttpStatusCodeException e) {
            if (!e.getStatusCode().is4xxClientError()) {
                throw AuthApi.unavailable(e, tally + " before");
            }
            String problem =
                    "auth refused the credential: " + e.getStatusCode().value() + " " + e.getResponseBodyAsString();
            accounts.refused(account.id(), problem);
            out.line(OutputSink.Stream.STDERR, "account " + account.id() + ": " + problem);
            tally.refused++;
        } catch (RestClientException e) {
            throw AuthApi.unavailable(e, tally + " before");
        }
    }

    /** The logins of the account; no password: the subscriber sets one through a reset link. */
    private static Map<String, Object> logins(Account account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", account.id());
        body.put("contract", account.contract());
        body.put("email", account.email());
        body.put("phone", account.phone());
        return body;
    }

    private static final class Tally {
        int sent;
        int refused;

        @Override
        public String toString() {
            return sent + " credentials brought up to date in auth" + (refused > 0 ? ", " + refused + " refused" : "");
        }
    }
}
