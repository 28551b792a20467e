package io.lastmile.billing.provisioning.store;

import static io.lastmile.billing.db.Tables.SERVICE_STORAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.api.NewService;
import io.lastmile.billing.api.NewUserService;
import io.lastmile.billing.api.ServiceActionResult;
import io.lastmile.billing.api.ServiceView;
import io.lastmile.billing.api.provisioning.StoredValueView;
import io.lastmile.billing.clock.MutableClock;
import io.lastmile.billing.provisioning.template.ServiceStore;
import io.lastmile.billing.provisioning.template.TemplateContext;
import io.lastmile.billing.provisioning.template.Templates;
import io.lastmile.platform.secret.SecretBoxException;
import io.lastmile.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/** Per-service values on real PostgreSQL, sealed, and served over real HTTP. */
class ServiceStorageIT extends BillingApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2031-06-01T09:00:00Z");

    @Autowired
    ServiceStore store;

    @Autowired
    MutableClock clock;

    @Autowired
    DSLContext db;

    @AfterEach
    void realTimeAgain() {
        clock.set(null);
    }

    @Test
    void theServiceStoreBeanIsThePostgresOne() {
        assertThat(store).isInstanceOf(PostgresServiceStore.class);
    }

    @Test
    void multiLineValuesAreKeptExactlySealedAndServedAsText() {
        long us = newUserService();
        String config = "[Interface]\r\nPrivateKey = cGFzc3dvcmQtaW4tYS1rZXk=\nAddress = 10.8.0.2/32\n\n"
                + "# пользователь ✓\ttab\n\n\n";

        store.write(us, "wg0.conf", config);

        assertThat(store.read(us, "wg0.conf")).contains(config);
        ResponseEntity<byte[]> served = admin().get()
                .uri("/api/v1/user-services/{id}/storage/wg0.conf", us)
                .retrieve()
                .toEntity(byte[].class);
        assertThat(served.getStatusCode().value()).isEqualTo(200);
        assertThat(served.getHeaders().getContentType())
                .isEqualTo(MediaType.parseMediaType("text/plain;charset=UTF-8"));
        assertThat(served.getHeaders().getCacheControl()).isEqualTo("no-store");
        assertThat(served.getBody()).isEqualTo(config.getBytes(StandardCharsets.UTF_8));
        assertThat(storedBytes(us, "wg0.conf")).doesNotContain("cGFzc3dvcmQtaW4tYS1rZXk=");
    }

    @Test
    void valuesUpToOneMebicharacterAreKeptAndLongerOnesRefused() {
        long us = newUserService();
        StringBuilder big = new StringBuilder();
        for (int line = 0; big.length() < (1 << 20) - 100; line++) {
            big.append("line ")
                    .append(line)
                    .append(' ')
                    .append("x".repeat(line % 90))
                    .append('\n');
        }
        big.append("y".repeat((1 << 20) - big.length()));
        String value = big.toString();

        store.write(us, "big", value);

        assertThat(value).hasSize(1 << 20);
        assertThat(store.read(us, "big")).contains(value);
        assertThat(admin().get()
                        .uri("/api/v1/user-services/{id}/storage/big", us)
                        .retrieve()
                        .body(byte[].class))
                .isEqualTo(value.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.write(us, "big", value + "z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the value for 'big' is longer than 1048576 characters");
        assertThat(store.read(us, "big")).as("the accepted value stays").contains(value);
    }

    @Test
    void aWriteReplacesTheValueAndTheListingShowsWhen() {
        long us = newUserService();
        clock.set(T0);
        store.write(us, "vpn_key", "first");
        store.write(us, "a.cert", "cert");
        clock.set(T0.plusSeconds(3600));
        store.write(us, "vpn_key", "second");
        store.passwordIfAbsent(us, "Generated0Password0Of24x");

        assertThat(store.read(us, "vpn_key")).contains("second");
        assertThat(list(us))
                .containsExactly(
                        new StoredValueView("a.cert", T0),
                        new StoredValueView("password", T0.plusSeconds(3600)),
                        new StoredValueView("vpn_key", T0.plusSeconds(3600)));
        assertThat(db.select(SERVICE_STORAGE.CREATED_AT)
                        .from(SERVICE_STORAGE)
                        .where(SERVICE_STORAGE.USER_SERVICE_ID.eq(us), SERVICE_STORAGE.NAME.eq("vpn_key"))
                        .fetchSingle()
                        .value1()
                        .toInstant())
                .isEqualTo(T0);
    }

    @Test
    void everyConcurrentCallerGetsTheSamePassword() throws Exception {
        long us = newUserService();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<String> candidates = new ArrayList<>();
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String candidate = "Candidate" + i + "x".repeat(15);
                candidates.add(candidate);
                answers.add(pool.submit(() -> {
                    start.await();
                    return store.passwordIfAbsent(us, candidate);
                }));
            }
            start.countDown();
            Set<String> passwords = new HashSet<>();
            for (Future<String> answer : answers) {
                passwords.add(answer.get());
            }

            assertThat(passwords).hasSize(1);
            String password = passwords.iterator().next();
            assertThat(candidates).contains(password);
            assertThat(db.fetchCount(SERVICE_STORAGE, SERVICE_STORAGE.USER_SERVICE_ID.eq(us)))
                    .isEqualTo(1);
            assertThat(store.passwordIfAbsent(us, "AnotherCandidateLater000")).isEqualTo(password);
            assertThat(store.read(us, "password")).contains(password);
            assertThat(admin().get()
                            .uri("/api/v1/user-services/{id}/storage/password", us)
                            .retrieve()
                            .body(String.class))
                    .isEqualTo(password);
            assertThat(storedBytes(us, ":password")).doesNotContain(password);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void templatesGetOnePasswordPerServiceAndKeepWhatTheyWrite() {
        long us = newUserService();
        long other = newUserService();
        Templates templates = new Templates();
        String source = "useradd -p {{ gen_store_pass() }} u{{ us.id }}\n"
                + "{{ storage_write('vpn_key', 'key of ' ~ us.id) }}{{ storage_read('vpn_key') }}\n";

        String first = templates.render("create.sh", source, context(us));
        String again = templates.render("create.sh", source, context(us));
        String theirs = templates.render("create.sh", source, context(other));

        String password = store.read(us, "password").orElseThrow();
        assertThat(password).matches("[A-Za-z0-9]{24}");
        assertThat(first).isEqualTo("useradd -p " + password + " u" + us + "\nkey of " + us + "\n");
        assertThat(again).isEqualTo(first);
        assertThat(theirs).doesNotContain(password).contains("key of " + other);
        assertThat(store.read(other, "vpn_key")).contains("key of " + other);
    }

    @Test
    void thePasswordNameIsReservedAndBadNamesAreRefused() {
        long us = newUserService();
        store.passwordIfAbsent(us, "TheGeneratedPassword0000");

        assertThatThrownBy(() -> store.write(us, "password", "chosen"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gen_store_pass()");
        for (String bad : List.of(":password", "_hidden", ".x", "a b", "", "x".repeat(101), "../etc")) {
            assertThatThrownBy(() -> store.write(us, bad, "v"))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a storage name is 1 to 100 letters");
        }
        assertThat(store.read(us, ":password"))
                .as("the reserved key is not a name")
                .isEmpty();
        assertThat(store.read(us, "password")).contains("TheGeneratedPassword0000");
        store.write(us, "x".repeat(100), "longest name");
        assertThat(store.read(us, "x".repeat(100))).contains("longest name");
    }

    @Test
    void aValueCopiedToAnotherServiceDoesNotOpenThere() {
        long us = newUserService();
        long other = newUserService();
        store.write(us, "vpn_key", "mine");
        store.write(other, "vpn_key", "theirs");
        byte[] mine = db.select(SERVICE_STORAGE.VALUE)
                .from(SERVICE_STORAGE)
                .where(SERVICE_STORAGE.USER_SERVICE_ID.eq(us), SERVICE_STORAGE.NAME.eq("vpn_key"))
                .fetchSingle()
                .value1();

        db.update(SERVICE_STORAGE)
                .set(SERVICE_STORAGE.VALUE, mine)
                .where(SERVICE_STORAGE.USER_SERVICE_ID.eq(other), SERVICE_STORAGE.NAME.eq("vpn_key"))
                .execute();

        assertThatThrownBy(() -> store.read(other, "vpn_key")).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void unknownServicesAndNamesAreNotFound() {
        long us = newUserService();
        long missing = us + 1_000_000;

        ResponseEntity<String> absent = admin().get()
                .uri("/api/v1/user-services/{id}/storage/vpn_key", us)
                .retrieve()
                .toEntity(String.class);
        ResponseEntity<String> noService = admin().get()
                .uri("/api/v1/user-services/{id}/storage", missing)
                .retrieve()
                .toEntity(String.class);
        ResponseEntity<String> noPassword = admin().get()
                .uri("/api/v1/user-services/{id}/storage/password", us)
                .accept(MediaType.TEXT_PLAIN)
                .retrieve()
                .toEntity(String.class);

        assertThat(absent.getStatusCode().value()).isEqualTo(404);
        assertThat(JSON.readTree(absent.getBody()).path("detail").asString())
                .isEqualTo("nothing is stored as 'vpn_key' for user service " + us);
        assertThat(noService.getStatusCode().value()).isEqualTo(404);
        assertThat(noPassword.getStatusCode().value()).isEqualTo(404);
        assertThat(list(us)).isEmpty();
        assertThat(store.read(missing, "vpn_key")).isEmpty();
        assertThatThrownBy(() -> store.write(missing, "vpn_key", "v")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.passwordIfAbsent(missing, "Candidate"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no user service " + missing);
        assertThat(client(null)
                        .get()
                        .uri("/api/v1/user-services/{id}/storage", us)
                        .retrieve()
                        .toEntity(String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
    }

    private TemplateContext context(long userServiceId) {
        return TemplateContext.forService(userServiceId, store).event("CREATE").build();
    }

    private List<StoredValueView> list(long userServiceId) {
        return List.of(admin().get()
                .uri("/api/v1/user-services/{id}/storage", userServiceId)
                .retrieve()
                .body(StoredValueView[].class));
    }

    private String storedBytes(long userServiceId, String name) {
        byte[] sealed = db.select(SERVICE_STORAGE.VALUE)
                .from(SERVICE_STORAGE)
                .where(SERVICE_STORAGE.USER_SERVICE_ID.eq(userServiceId), SERVICE_STORAGE.NAME.eq(name))
                .fetchSingle()
                .value1();
        return new String(sealed, StandardCharsets.ISO_8859_1);
    }

    /** An account with a free VPN tariff ordered through the API: a real user_service row. */
    private long newUserService() {
        AccountView account = admin().post()
                .uri("/api/v1/accounts")
                .body(new NewAccount(null, "Storage " + UUID.randomUUID(), "RUB"))
                .retrieve()
                .body(AccountView.class);
        ServiceView tariff = admin().post()
                .uri("/api/v1/catalog/services")
                .body(new NewService("VPN " + UUID.randomUUID(), "vpn", BigDecimal.ZERO, "P1M", "PERIOD"))
                .retrieve()
                .body(ServiceView.class);
        ServiceActionResult order = admin().post()
                .uri("/api/v1/accounts/{id}/services", account.id())
                .body(new NewUserService(tariff.id()))
                .retrieve()
                .body(ServiceActionResult.class);
        return order.service().id();
    }
}
