package io.lastmile.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/** With the operator's settings on, subscribers may also log in with their e-mail or phone number. */
@TestPropertySource(
        properties = {"lastmile.auth.subscribers.email-login=true", "lastmile.auth.subscribers.phone-login=true"})
class SubscriberLoginOptionsIT extends AuthServerTestBase {

    @Test
    void letsASubscriberLogInWithTheirEmailInAnyCase() {
        create(Map.of(
                "accountId", 201, "contract", "B-201", "email", "Ivan@Example.ru", "password", "Options-Pass-201"));

        Map<String, Object> tokens = subscriberLogin().login("ivan@example.RU", "Options-Pass-201", CABINET_SECRET);

        assertThat(decode(tokens.get("access_token")).getSubject()).isEqualTo("subscriber:201");
    }

    @Test
    void letsASubscriberLogInWithTheirPhoneWrittenAnyWay() {
        create(Map.of(
                "accountId", 202, "contract", "B-202", "phone", "+7 (912) 345-67-89", "password", "Options-Pass-202"));

        Map<String, Object> tokens = subscriberLogin().login("79123456789", "Options-Pass-202", CABINET_SECRET);

        assertThat(decode(tokens.get("access_token")).getSubject()).isEqualTo("subscriber:202");
    }

    @Test
    void stillTakesTheContractNumber() {
        create(Map.of(
                "accountId", 203, "contract", "B-203", "email", "b203@example.ru", "password", "Options-Pass-203"));

        LoginFlow flow = subscriberLogin();
        flow.start();
        HttpResponse<String> result = flow.submitPassword("B-203", "Options-Pass-203");

        assertThat(result.statusCode()).isEqualTo(302);
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
}
