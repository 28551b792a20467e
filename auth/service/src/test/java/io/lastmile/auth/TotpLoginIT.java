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

/** Operators' TOTP: enrolled through the API, asked for after the password, required for admins when set. */
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
    void keepsAnAdminWithoutTotpOutUntilEnrolledWhenRequired() {
        createOperator("boss1", "Boss-Operator-2024x", "admin");

        HttpResponse<String> refused = passwordStep("boss1", "Boss-Operator-2024x");
        byte[] secret = enrol("boss1");
        confirm("boss1", Totp.code(secret, step()));
        later();
        int withCode = login("boss1", "Boss-Operator-2024x", Totp.code(secret, step()));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("Administrators must use a one-time code app");
        assertThat(withCode).isEqualTo(302);
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
