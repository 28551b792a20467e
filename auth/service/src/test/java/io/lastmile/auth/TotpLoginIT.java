package io.lastmile.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.auth.totp.Base32;
import io.lastmile.auth.totp.Totp;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/** Operators' TOTP: enrolled through the API or, for admins where it is required, at the first login; asked for after the password. */
@Import(TestClockConfig.class)
@TestPropertySource(properties = "lastmile.auth.totp.required-for-admins=true")
class TotpLoginIT extends AuthServerTestBase {

    @Test
    void asksTheCodeAfterThePasswordOnceTheEnrolmentIsConfirmed() {
        createOperator("totp1", "Totp-Operator-2024x", "noc");
        byte[] secret = enrol("totp1");
        assertThat(passwordStep("totp1", "Totp-Operator-2024x").headers().firstValue("Location"))
                .as("not asked before the enrolment is confirmed")
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("/login/totp"));
        confirm("totp1", Totp.code(secret, step()));
        later();

        LoginFlow flow = operatorLogin();
        flow.start();
        HttpResponse<String> password = flow.submitPassword("totp1", "Totp-Operator-2024x");
        HttpResponse<String> wrong = flow.submitCode("000000".equals(Totp.code(secret, step())) ? "111111" : "000000");
        HttpResponse<String> right = flow.submitCode(Totp.code(secret, step()));

        assertThat(password.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login/totp"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("The code is wrong or was used already");
        assertThat(right.statusCode()).isEqualTo(302);
        assertThat(decode(flow.tokens(flow.code(), UI_SECRET).get("access_token"))
                        .getSubject())
                .isEqualTo("totp1");
    }

    @Test
    void acceptsTheCodeOfThePreviousAndTheNextStepButNotTwoAway() {
        createOperator("skew1", "Skew-Operator-2024x", "noc");
        byte[] secret = enrol("skew1");
        confirm("skew1", Totp.code(secret, step()));

        later();
        assertThat(login("skew1", "Skew-Operator-2024x", Totp.code(secret, step() - 1)))
                .isEqualTo(302);
        later();
        assertThat(login("skew1", "Skew-Operator-2024x", Totp.code(secret, step() + 1)))
                .isEqualTo(302);
        later();
        assertThat(login("skew1", "Skew-Operator-2024x", Totp.code(secret, step() - 2)))
                .isEqualTo(401);
        later();
        assertThat(login("skew1", "Skew-Operator-2024x", Totp.code(secret, step() + 2)))
                .isEqualTo(401);
    }

    @Test
    void refusesACodeUsedAlready() {
        createOperator("replay1", "Replay-Operator-2024x", "noc");
        byte[] secret = enrol("replay1");
        confirm("replay1", Totp.code(secret, step()));
        later();
        String code = Totp.code(secret, step());

        assertThat(login("replay1", "Replay-Operator-2024x", code)).isEqualTo(302);
        assertThat(login("replay1", "Replay-Operator-2024x", code)).isEqualTo(401);
    }

    @Test
    void makesAnAdminWithoutTotpEnrolAtTheFirstLoginWhenRequired() {
        createOperator("boss1", "Boss-Operator-2024x", "admin");
        LoginFlow flow = operatorLogin();
        flow.start();

        HttpResponse<String> password = flow.submitPassword("boss1", "Boss-Operator-2024x");
        HttpResponse<String> page = flow.get("/login/totp/enrol");
        HttpResponse<String> reloaded = flow.get("/login/totp/enrol");
        byte[] secret = Base32.decode(secretOn(page));
        String wrongCode = "000000".equals(Totp.code(secret, step())) ? "111111" : "000000";
        HttpResponse<String> wrong = flow.post("/login/totp/enrol", Map.of("code", wrongCode, "_csrf", flow.csrf()));
        HttpResponse<String> right =
                flow.post("/login/totp/enrol", Map.of("code", Totp.code(secret, step()), "_csrf", flow.csrf()));

        assertThat(password.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login/totp/enrol"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("otpauth://totp/Lastmile:boss1?secret=");
        assertThat(secretOn(reloaded)).as("a reload shows the same secret").isEqualTo(secretOn(page));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(302);
        assertThat(decode(flow.tokens(flow.code(), UI_SECRET).get("access_token"))
                        .getSubject())
                .isEqualTo("boss1");
        later();
        assertThat(login("boss1", "Boss-Operator-2024x", Totp.code(secret, step())))
                .as("from then on the code is asked after the password")
                .isEqualTo(302);
    }

    @Test
    void showsTheEnrolmentPageOnlyToAnAdminWhosePasswordWasRight() {
        createOperator("boss2", "Boss-Operator-2024y", "admin");
        LoginFlow flow = operatorLogin();
        flow.start();

        HttpResponse<String> wrongPassword = flow.submitPassword("boss2", "not-the-password");
        HttpResponse<String> page = flow.get("/login/totp/enrol");

        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(page.body()).doesNotContain("otpauth://");
    }

    /** The key the enrolment page shows, without its spaces. */
    private static String secretOn(HttpResponse<String> page) {
        var key = java.util.regex.Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<").matcher(page.body());
        assertThat(key.find()).as(page.body()).isTrue();
        return key.group(1).replace(" ", "");
    }

    @Test
    void stopsAskingOnceTheEnrolmentIsRemoved() {
        createOperator("removed1", "Removed-Operator-2024x", "noc");
        byte[] secret = enrol("removed1");
        confirm("removed1", Totp.code(secret, step()));

        int removed = http.delete()
                .uri("/api/v1/operators/removed1/totp")
                .headers(h -> h.setBearerAuth(adminToken()))
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();

        assertThat(removed).isEqualTo(204);
        assertThat(passwordStep("removed1", "Removed-Operator-2024x").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("/login/totp"));
    }

    @Test
    void storesTheSecretSealedNotInTheClear() throws Exception {
        createOperator("sealed1", "Sealed-Operator-2024x", "noc");
        byte[] secret = enrol("sealed1");

        try (Connection c = database.dataSource().getConnection();
                ResultSet rs =
                        c.createStatement().executeQuery("SELECT totp_secret FROM operator WHERE login = 'sealed1'")) {
            assertThat(rs.next()).isTrue();
            byte[] stored = rs.getBytes(1);
            assertThat(stored).hasSizeGreaterThan(secret.length + 16);
            assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain(new String(secret, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    private byte[] enrol(String login) {
        Map<?, ?> enrolment = http.post()
                .uri("/api/v1/operators/{login}/totp", login)
                .headers(h -> h.setBearerAuth(adminToken()))
                .retrieve()
                .body(Map.class);
        String uri = enrolment.get("uri").toString();
        assertThat(uri).startsWith("otpauth://totp/Lastmile:" + login + "?secret=");
        return Base32.decode(
                LoginFlow.query(java.net.URI.create(uri).getRawQuery()).get("secret"));
    }

    private void confirm(String login, String code) {
        int status = http.post()
                .uri("/api/v1/operators/{login}/totp/confirm", login)
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("code", code))
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();
        assertThat(status).isEqualTo(204);
    }

    private HttpResponse<String> passwordStep(String login, String password) {
        LoginFlow flow = operatorLogin();
        flow.start();
        return flow.submitPassword(login, password);
    }

    private int login(String login, String password, String code) {
        LoginFlow flow = operatorLogin();
        flow.start();
        HttpResponse<String> step = flow.submitPassword(login, password);
        assertThat(step.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login/totp"));
        return flow.submitCode(code).statusCode();
    }

    /** A few steps on, so that no earlier code is the current one. */
    private static void later() {
        TestClockConfig.CLOCK.advance(Duration.ofSeconds(3 * Totp.STEP_SECONDS));
    }

    private static long step() {
        return Totp.step(TestClockConfig.CLOCK.instant());
    }
}
