package io.lastmile.billing.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.testkit.TestTokens;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** billing's account API over real HTTP, behind its real resource-server chain, on real PostgreSQL. */
class AccountApiIT extends BillingApiTestBase {

    @Test
    void opensAnAccountAndReadsItBack() {
        RestClient admin = admin();

        AccountView opened = admin.post()
                .uri("/api/v1/accounts")
                .body(new NewAccount("A-1001", "Ivan Petrov", "RUB"))
                .retrieve()
                .body(AccountView.class);
        AccountView read =
                admin.get().uri("/api/v1/accounts/{id}", opened.id()).retrieve().body(AccountView.class);

        assertThat(read).isEqualTo(opened);
        assertThat(read.contract()).isEqualTo("A-1001");
        assertThat(read.balance()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void refusesASecondAccountWithTheSameContract() {
        RestClient service = client(TOKENS.token("cabinet", "service"));
        service.post()
                .uri("/api/v1/accounts")
                .body(new NewAccount("A-2002", "One", "RUB"))
                .retrieve()
                .toBodilessEntity();

        ResponseEntity<String> second = service.post()
                .uri("/api/v1/accounts")
                .body(new NewAccount("A-2002", "Two", "RUB"))
                .retrieve()
                .toEntity(String.class);

        assertThat(second.getStatusCode().value()).isEqualTo(409);
        assertThat(second.getBody()).contains("A-2002");
    }

    @Test
    void answersNotFoundAsAProblem() {
        ResponseEntity<String> missing =
                admin().get().uri("/api/v1/accounts/999999").retrieve().toEntity(String.class);

        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        assertThat(missing.getHeaders().getContentType().toString()).contains("problem+json");
    }

    @Test
    void refusesCallsWithoutAValidToken() {
        assertThat(status(client(null))).isEqualTo(401);
        assertThat(status(client(TOKENS.expiredToken("cli", "admin")))).isEqualTo(401);
        assertThat(status(client(TestTokens.generate().token("cli", "admin")))).isEqualTo(401);
        assertThat(status(client(TOKENS.token("someone"))))
                .as("a valid token without a role the API accepts")
                .isEqualTo(403);
    }

    @Test
    void leavesHealthOpenAndTheApiClosed() {
        assertThat(client(null)
                        .get()
                        .uri("/actuator/health")
                        .retrieve()
                        .toEntity(String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void generatesAContractNumberWhenNoneIsGiven() {
        AccountView a = admin().post()
                .uri("/api/v1/accounts")
                .body(new NewAccount(null, "Generated", "RUB"))
                .retrieve()
                .body(AccountView.class);
        AccountView b = admin().post()
                .uri("/api/v1/accounts")
                .body(new NewAccount(null, "Generated too", "RUB"))
                .retrieve()
                .body(AccountView.class);

        assertThat(a.contract()).matches("\\d{6}");
        assertThat(Long.parseLong(b.contract())).isGreaterThan(Long.parseLong(a.contract()));
        assertThat(a.type()).isEqualTo("PERSON");
        assertThat(a.timeZone()).isEqualTo("Europe/Moscow");
        assertThat(a.status()).isEqualTo("ACTIVE");
    }

    @Test
    void namesEveryBadFieldOfANewAccount() {
        ResponseEntity<String> bad = admin().post()
                .uri("/api/v1/accounts")
                .body(new NewAccount(
                        null,
                        " ",
                        "COMPANY",
                        "12345",
                        "call me",
                        "not-mail",
                        null,
                        "Mars/Base",
                        "ZZZ",
                        new BigDecimal("101"),
                        new BigDecimal("-1"),
                        null))
                .retrieve()
                .toEntity(String.class);

        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody())
                .contains(
                        "\"name\"",
                        "\"taxId\"",
                        "\"phone\"",
                        "\"email\"",
                        "\"timeZone\"",
                        "\"currency\"",
                        "\"discountPercent\"",
                        "\"creditLimit\"");
    }

    @Test
    void opensACompanyWithItsTaxIdAndSettings() {
        AccountView company = admin().post()
                .uri("/api/v1/accounts")
                .body(new NewAccount(
                        "C-77",
                        "OOO Romashka",
                        "COMPANY",
                        "7707083893",
                        "+7 495 123-45-67",
                        "noc@romashka.ru",
                        "Moscow, Tverskaya 1",
                        "Europe/Samara",
                        "RUB",
                        new BigDecimal("5.5"),
                        new BigDecimal("1000"),
                        java.util.Map.of("vlan", 120)))
                .retrieve()
                .body(AccountView.class);

        assertThat(company.taxId()).isEqualTo("7707083893");
        assertThat(company.timeZone()).isEqualTo("Europe/Samara");
        assertThat(company.discountPercent()).isEqualByComparingTo("5.5");
        assertThat(company.settings()).containsEntry("vlan", 120);
    }

    @Test
    void changesOnlyTheFieldsGiven() {
        AccountView opened = admin().post()
                .uri("/api/v1/accounts")
                .body(new NewAccount(
                        "P-1",
                        "Petr Ivanov",
                        null,
                        null,
                        "+7 900 000-00-01",
                        "petr@example.ru",
                        null,
                        null,
                        "RUB",
                        null,
                        null,
                        null))
                .retrieve()
                .body(AccountView.class);

        AccountView changed = admin().patch()
                .uri("/api/v1/accounts/{id}", opened.id())
                .body(new io.lastmile.billing.api.AccountPatch(
                        null,
                        null,
                        null,
                        null,
                        null,
                        "petr@new.ru",
                        null,
                        null,
                        null,
                        new BigDecimal("300"),
                        "BLOCKED",
                        null))
                .retrieve()
                .body(AccountView.class);

        assertThat(changed.email()).isEqualTo("petr@new.ru");
        assertThat(changed.creditLimit()).isEqualByComparingTo("300");
        assertThat(changed.status()).isEqualTo("BLOCKED");
        assertThat(changed.name()).isEqualTo("Petr Ivanov");
        assertThat(changed.phone()).isEqualTo("+7 900 000-00-01");
        assertThat(admin().get()
                        .uri("/api/v1/accounts/{id}", opened.id())
                        .retrieve()
                        .body(AccountView.class))
                .isEqualTo(changed);
    }

    @Test
    void searchesByContractNamePhoneAndEmailWithPaging() {
        for (int i = 0; i < 3; i++) {
            admin().post()
                    .uri("/api/v1/accounts")
                    .body(new NewAccount(
                            "S-" + i,
                            "Searchable Sidorov " + i,
                            null,
                            null,
                            "+7 911 555-00-0" + i,
                            "sid" + i + "@example.ru",
                            null,
                            null,
                            "RUB",
                            null,
                            null,
                            null))
                    .retrieve()
                    .toBodilessEntity();
        }

        String byName = admin().get()
                .uri("/api/v1/accounts?name=searchable sid&size=2&page=0")
                .retrieve()
                .body(String.class);
        String byPhone = admin().get()
                .uri("/api/v1/accounts?phone={phone}", "+7 911 555-00-01")
                .retrieve()
                .body(String.class);
        String byText =
                admin().get().uri("/api/v1/accounts?q=SID2@EXAMPLE").retrieve().body(String.class);
        String none = admin().get().uri("/api/v1/accounts?q=100%25").retrieve().body(String.class);

        assertThat(byName)
                .contains("\"total\":3")
                .contains("S-0")
                .contains("S-1")
                .doesNotContain("S-2");
        assertThat(byPhone).contains("\"total\":1").contains("S-1");
        assertThat(byText).contains("\"total\":1").contains("S-2");
        assertThat(none).contains("\"total\":0");
    }

    private static int status(RestClient client) {
        return client.get()
                .uri("/api/v1/accounts/1")
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();
    }
}
