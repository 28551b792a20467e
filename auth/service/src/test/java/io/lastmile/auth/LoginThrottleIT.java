package io.lastmile.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

/** Failed logins are throttled per login and per address; unknown logins are answered like wrong passwords. */
@Import(TestClockConfig.class)
class LoginThrottleIT extends AuthServerTestBase {

    static final String WRONG = "Wrong-Pass-000000";

    @BeforeEach
    void forgetEarlierFailures() {
        // past every window and lock of the tests before
        TestClockConfig.CLOCK.advance(Duration.ofMinutes(31));
    }

    @Test
    void locksALoginAfterFiveFailuresSoThatEvenTheRightPasswordIsRefused() throws SQLException {
        createOperator("locked1", "Locked-Pass-2024x", "support");
        for (int i = 0; i < 5; i++) {
            assertThat(attempt("locked1", WRONG).body()).contains("Wrong login or password");
        }

        HttpResponse<String> right = attempt("locked1", "Locked-Pass-2024x");

        assertThat(right.statusCode()).isEqualTo(401);
        assertThat(right.body()).contains("Too many failed attempts");
        assertThat(audited("login.locked", "locked1")).isEqualTo(1);
        assertThat(audited("login.failed", "locked1")).isEqualTo(5);
    }

    @Test
    void allowsFourFailuresThenTheRightPassword() {
        createOperator("careless1", "Careless-Pass-2024x", "support");
        for (int i = 0; i < 4; i++) {
            attempt("careless1", WRONG);
        }

        assertThat(attempt("careless1", "Careless-Pass-2024x").statusCode()).isEqualTo(302);
    }

    @Test
    void answersAnUnknownLoginExactlyLikeAWrongPasswordAndLocksItAlike() {
        createOperator("known1", "Known-Pass-2024x", "support");

        HttpResponse<String> unknown = attempt("nobody-here", WRONG);
        HttpResponse<String> wrong = attempt("known1", WRONG);

        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(401);
        assertThat(errorOf(unknown)).isEqualTo(errorOf(wrong)).isEqualTo("Wrong login or password.");
        for (int i = 0; i < 4; i++) {
            attempt("nobody-here", WRONG);
        }
        assertThat(errorOf(attempt("nobody-here", WRONG))).startsWith("Too many failed attempts");
    }

    @Test
    void endsTheLockAfterFifteenMinutes() {
        createOperator("patient1", "Patient-Pass-2024x", "support");
        for (int i = 0; i < 5; i++) {
            attempt("patient1", WRONG);
        }
        TestClockConfig.CLOCK.advance(Duration.ofMinutes(14));
        assertThat(attempt("patient1", "Patient-Pass-2024x").statusCode()).isEqualTo(401);

        TestClockConfig.CLOCK.advance(Duration.ofMinutes(2));

        assertThat(attempt("patient1", "Patient-Pass-2024x").statusCode()).isEqualTo(302);
    }

    @Test
    void letsAnAdministratorUnlockALoginAtOnce() {
        createOperator("unlucky1", "Unlucky-Pass-2024x", "support");
        for (int i = 0; i < 5; i++) {
            attempt("unlucky1", WRONG);
        }

        Map<?, ?> unlocked = http.delete()
                .uri("/api/v1/operators/unlucky1/lock")
                .headers(h -> h.setBearerAuth(adminToken()))
                .retrieve()
                .body(Map.class);

        assertThat(unlocked.get("wasLocked")).isEqualTo(true);
        assertThat(attempt("unlucky1", "Unlucky-Pass-2024x").statusCode()).isEqualTo(302);
    }

    @Test
    void locksTheSourceAddressAfterTwentyFailuresAcrossLogins() throws SQLException {
        createOperator("bystander1", "Bystander-Pass-2024x", "support");
        for (int i = 0; i < 20; i++) {
            attempt("spray-" + (i % 4), WRONG);
        }

        HttpResponse<String> bystander = attempt("bystander1", "Bystander-Pass-2024x");

        assertThat(errorOf(bystander)).startsWith("Too many failed attempts");
        assertThat(audited("login.address-locked", "127.0.0.1")).isEqualTo(1);
    }

    private HttpResponse<String> attempt(String login, String password) {
        LoginFlow flow = operatorLogin();
        flow.start();
        return flow.submitPassword(login, password);
    }

    private static String errorOf(HttpResponse<String> page) {
        var m = java.util.regex.Pattern.compile("id=\"error\"[^>]*>([^<]*)<").matcher(page.body());
        return m.find() ? m.group(1) : "(no error on the page)";
    }

    private int audited(String action, String subject) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT count(*) FROM audit_event WHERE action = ? AND subject = ?")) {
            select.setString(1, action);
            select.setString(2, subject);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
