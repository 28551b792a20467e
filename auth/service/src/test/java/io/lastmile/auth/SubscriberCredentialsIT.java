package io.lastmile.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.platform.security.Permissions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.databind.json.JsonMapper;

/**
 * Billing keeps subscribers' credentials in auth; subscribers log in on the same page through the
 * cabinet's client; reset links are sent through billing and work once, for 30 minutes.
 */
@Import(TestClockConfig.class)
class SubscriberCredentialsIT extends AuthServerTestBase {

    static PeerServer billing;

    @BeforeAll
    static void startBilling() {
        billing = new PeerServer(PEER_PORT);
    }

    @AfterAll
    static void stopBilling() {
        billing.close();
    }

    @Test
    void letsASubscriberLogInWithTheContractNumberAndGivesTheirAccount() {
        create(Map.of("accountId", 101, "contract", "A-101", "password", "Subscriber-Pass-101"));

        Jwt jwt = decode(subscriberLogin()
                .login("A-101", "Subscriber-Pass-101", CABINET_SECRET)
                .get("access_token"));

        assertThat(jwt.getSubject()).isEqualTo("subscriber:101");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("subscriber");
        assertThat(jwt.getClaimAsStringList(Permissions.CLAIM)).containsExactly(Permissions.SELF);
        assertThat(((Number) jwt.getClaim(Permissions.ACCOUNT_CLAIM)).longValue())
                .isEqualTo(101L);
        assertThat(jwt.getAudience()).contains(Permissions.AUDIENCE, "cabinet-ui");
    }

    @Test
    void refreshesASubscribersTokensWithTheirAccount() {
        create(Map.of("accountId", 150, "contract", "A-150", "password", "Subscriber-Pass-150"));
        LoginFlow flow = subscriberLogin();
        String refresh = flow.login("A-150", "Subscriber-Pass-150", CABINET_SECRET)
                .get("refresh_token")
                .toString();

        Map<String, Object> refreshed = flow.refresh(refresh, CABINET_SECRET);

        assertThat(refreshed.get("status")).isEqualTo(200);
        Jwt jwt = decode(refreshed.get("access_token"));
        assertThat(jwt.getSubject()).isEqualTo("subscriber:150");
        assertThat(((Number) jwt.getClaim(Permissions.ACCOUNT_CLAIM)).longValue())
                .isEqualTo(150L);
    }

    @Test
    void takesNoEmailLoginUnlessTheOperatorEnablesIt() {
        create(Map.of(
                "accountId", 112, "contract", "A-112", "email", "a112@example.ru", "password", "Subscriber-Pass-112"));
        LoginFlow flow = subscriberLogin();
        flow.start();

        assertThat(flow.submitPassword("a112@example.ru", "Subscriber-Pass-112").statusCode())
                .isEqualTo(401);
    }

    @Test
    void keepsOperatorsAndSubscribersApartByClient() {
        create(Map.of("accountId", 102, "contract", "admin", "password", "Subscriber-Pass-102"));

        // a subscriber whose contract number reads like an operator's login logs in as the subscriber
        Jwt jwt = decode(subscriberLogin()
                .login("admin", "Subscriber-Pass-102", CABINET_SECRET)
                .get("access_token"));
        LoginFlow operatorPage = operatorLogin();
        operatorPage.start();
        HttpResponse<String> asOperator = operatorPage.submitPassword("admin", "Subscriber-Pass-102");

        assertThat(jwt.getSubject()).isEqualTo("subscriber:102");
        assertThat(asOperator.statusCode()).isEqualTo(401);
    }

    @Test
    void refusesADisabledSubscriberAndLetsThemInAgainWhenEnabled() {
        create(Map.of("accountId", 103, "contract", "A-103", "password", "Subscriber-Pass-103"));

        call("/api/v1/subscribers/103/disable", null);
        LoginFlow refused = subscriberLogin();
        refused.start();
        HttpResponse<String> whileDisabled = refused.submitPassword("A-103", "Subscriber-Pass-103");
        call("/api/v1/subscribers/103/enable", null);

        assertThat(whileDisabled.statusCode()).isEqualTo(401);
        assertThat(whileDisabled.body()).contains("disabled");
        assertThat(subscriberLogin().login("A-103", "Subscriber-Pass-103", CABINET_SECRET))
                .containsKey("access_token");
    }

    @Test
    void sendsAResetLinkThroughBillingThatSetsThePasswordOnce() throws Exception {
        create(Map.of("accountId", 104, "contract", "A-104"));

        var requested = call("/api/v1/subscribers/104/password-reset", null);
        String link = lastLinkFor(104);
        LoginFlow browser = subscriberLogin();
        HttpResponse<String> form = browser.get(link);
        HttpResponse<String> done = browser.post(
                "/reset",
                Map.of(
                        "token",
                        token(link),
                        "password",
                        "Brand-New-Pass-104",
                        "confirm",
                        "Brand-New-Pass-104",
                        "_csrf",
                        browser.csrf()));
        HttpResponse<String> again = browser.get(link);

        assertThat(requested.getStatusCode().value()).isEqualTo(202);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("id=\"done\"");
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(subscriberLogin().login("A-104", "Brand-New-Pass-104", CABINET_SECRET))
                .containsKey("access_token");
    }

    @Test
    void raisesBillingsAccountEventWithTheLinkAndAuthsServiceToken() throws Exception {
        create(Map.of("accountId", 105, "contract", "A-105"));

        call("/api/v1/subscribers/105/password-reset", null);

        PeerServer.Received event = billing.to("/api/v1/accounts/105/events").getLast();
        Map<?, ?> body = JsonMapper.builder().build().readValue(event.body(), Map.class);
        assertThat(event.method()).isEqualTo("POST");
        assertThat(body.get("event")).isEqualTo("PASSWORD_RESET");
        assertThat(((Map<?, ?>) body.get("payload")).get("link").toString()).startsWith(ISSUER + "/reset?token=");
        assertThat(((Map<?, ?>) body.get("payload")).get("contract")).isEqualTo("A-105");
        Jwt caller = decode(event.authorization().substring("Bearer ".length()));
        assertThat(caller.getSubject()).isEqualTo("auth");
        assertThat(caller.getClaimAsStringList("roles")).containsExactly("service");
    }

    @Test
    void refusesAResetLinkAfterThirtyMinutes() throws Exception {
        create(Map.of("accountId", 106, "contract", "A-106"));
        call("/api/v1/subscribers/106/password-reset", null);
        String link = lastLinkFor(106);

        TestClockConfig.CLOCK.advance(Duration.ofMinutes(31));
        LoginFlow browser = subscriberLogin();
        HttpResponse<String> page = browser.get(link);

        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("has been used or has expired");
    }

    @Test
    void keepsTheLinkGoodWhenTheNewPasswordIsRefused() throws Exception {
        create(Map.of("accountId", 107, "contract", "A-107"));
        call("/api/v1/subscribers/107/password-reset", null);
        String link = lastLinkFor(107);
        LoginFlow browser = subscriberLogin();
        browser.get(link);

        HttpResponse<String> weak = browser.post(
                "/reset",
                Map.of(
                        "token",
                        token(link),
                        "password",
                        "1234567890",
                        "confirm",
                        "1234567890",
                        "_csrf",
                        browser.csrf()));
        HttpResponse<String> good = browser.post(
                "/reset",
                Map.of(
                        "token",
                        token(link),
                        "password",
                        "Good-Enough-107x",
                        "confirm",
                        "Good-Enough-107x",
                        "_csrf",
                        browser.csrf()));

        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("common");
        assertThat(good.statusCode()).isEqualTo(200);
    }

    @Test
    void saysWhyANewPasswordIsRefusedInTheSubscribersLanguage() throws Exception {
        create(Map.of("accountId", 153, "contract", "A-153"));
        call("/api/v1/subscribers/153/password-reset", null);
        String link = lastLinkFor(153);
        LoginFlow browser = subscriberLogin();
        browser.get(link + "&lang=ru");

        HttpResponse<String> common = browser.post(
                "/reset",
                Map.of(
                        "token",
                        token(link),
                        "password",
                        "1234567890",
                        "confirm",
                        "1234567890",
                        "_csrf",
                        browser.csrf()));
        HttpResponse<String> contract = browser.post(
                "/reset",
                Map.of(
                        "token",
                        token(link),
                        "password",
                        "my-A-153-password",
                        "confirm",
                        "my-A-153-password",
                        "_csrf",
                        browser.csrf()));

        assertThat(common.statusCode()).isEqualTo(400);
        assertThat(common.body()).contains("Это один из самых распространённых паролей");
        assertThat(contract.body()).contains("Пароль не должен быть номером договора");
    }

    @Test
    void answersBadGatewayAndKeepsNoLinkWhenBillingRefusesTheEvent() {
        create(Map.of("accountId", 108, "contract", "A-108"));
        billing.eventStatus = 503;
        try {
            var answer = call("/api/v1/subscribers/108/password-reset", null);

            assertThat(answer.getStatusCode().value()).isEqualTo(502);
            assertThat(answer.getBody()).contains("billing did not take the PASSWORD_RESET event");
        } finally {
            billing.eventStatus = 201;
        }
    }

    @Test
    void refusesAServiceClientWithoutAuthAdmin() {
        String auditor = tokenWith("auditor-client", Permissions.AUDIT_READ);

        var refused = http.post()
                .uri("/api/v1/subscribers")
                .headers(h -> h.setBearerAuth(auditor))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("accountId", 109, "contract", "A-109"))
                .retrieve()
                .toEntity(String.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void refusesADuplicateContractWithAConflictProblem() {
        create(Map.of("accountId", 110, "contract", "A-110"));

        var duplicate = http.post()
                .uri("/api/v1/subscribers")
                .headers(h -> h.setBearerAuth(token("billing", "billing-secret")))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("accountId", 111, "contract", "A-110"))
                .retrieve()
                .toEntity(Map.class);

        assertThat(duplicate.getStatusCode().value()).isEqualTo(409);
        assertThat(duplicate.getHeaders().getContentType().toString()).contains("application/problem+json");
        assertThat(duplicate.getBody().get("detail").toString()).contains("another subscriber's login");
    }

    @Test
    void changesTheLoginsSoTheNewContractLogsInAndTheOldOneNoLonger() {
        create(Map.of("accountId", 151, "contract", "A-151", "password", "Subscriber-Pass-151"));
        create(Map.of("accountId", 152, "contract", "A-152", "email", "taken@example.ru"));

        var changed = putLogins(151, Map.of("contract", "B-151", "email", "new151@example.ru"));
        var taken = putLogins(151, Map.of("contract", "B-151", "email", "TAKEN@example.ru"));
        var invalid = putLogins(151, Map.of("contract", "no spaces allowed"));
        var unknown = putLogins(999, Map.of("contract", "C-999"));

        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(changed.getBody()).contains("\"contract\":\"B-151\"", "new151@example.ru");
        assertThat(taken.getStatusCode().value()).isEqualTo(409);
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(invalid.getBody()).contains("contract");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        LoginFlow oldLogin = subscriberLogin();
        oldLogin.start();
        assertThat(oldLogin.submitPassword("A-151", "Subscriber-Pass-151").statusCode())
                .isEqualTo(401);
        Jwt jwt = decode(subscriberLogin()
                .login("B-151", "Subscriber-Pass-151", CABINET_SECRET)
                .get("access_token"));
        assertThat(jwt.getSubject()).isEqualTo("subscriber:151");
    }

    private org.springframework.http.ResponseEntity<String> putLogins(long accountId, Map<String, Object> logins) {
        return http.put()
                .uri("/api/v1/subscribers/" + accountId + "/logins")
                .headers(h -> h.setBearerAuth(token("billing", "billing-secret")))
                .contentType(MediaType.APPLICATION_JSON)
                .body(logins)
                .retrieve()
                .toEntity(String.class);
    }

    private void create(Map<String, Object> credential) {
        var answer = http.post()
                .uri("/api/v1/subscribers")
                .headers(h -> h.setBearerAuth(token("billing", "billing-secret")))
                .contentType(MediaType.APPLICATION_JSON)
                .body(credential)
                .retrieve()
                .toEntity(String.class);
        assertThat(answer.getStatusCode().value()).as(answer.toString()).isEqualTo(201);
    }

    private org.springframework.http.ResponseEntity<String> call(String path, Object body) {
        var request = http.post().uri(path).headers(h -> h.setBearerAuth(token("billing", "billing-secret")));
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toEntity(String.class);
    }

    private static String lastLinkFor(long accountId) throws Exception {
        List<PeerServer.Received> events = billing.to("/api/v1/accounts/" + accountId + "/events");
        assertThat(events).as("billing was asked to send the link").isNotEmpty();
        Map<?, ?> body = JsonMapper.builder().build().readValue(events.getLast().body(), Map.class);
        return ((Map<?, ?>) body.get("payload")).get("link").toString();
    }

    private static String token(String link) {
        Matcher m = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(link);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
