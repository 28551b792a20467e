package io.lastmile.billing.provisioning.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.api.NewPayment;
import io.lastmile.billing.api.NewService;
import io.lastmile.billing.api.NewUserService;
import io.lastmile.billing.api.ServiceActionResult;
import io.lastmile.billing.api.ServiceView;
import io.lastmile.billing.api.UserServiceView;
import io.lastmile.billing.api.provisioning.AlertView;
import io.lastmile.billing.api.provisioning.BindingRequest;
import io.lastmile.billing.api.provisioning.NewCredential;
import io.lastmile.billing.api.provisioning.OutputLine;
import io.lastmile.billing.api.provisioning.ServerRequest;
import io.lastmile.billing.api.provisioning.ServerView;
import io.lastmile.billing.api.provisioning.TaskDetail;
import io.lastmile.billing.api.provisioning.TaskView;
import io.lastmile.billing.api.provisioning.TemplateRequest;
import io.lastmile.billing.api.provisioning.TemplateView;
import io.lastmile.billing.clock.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;

/**
 * Commands end to end through the operator API and the spool: credentials, servers, templates and
 * bindings are made as an operator makes them, services are ordered and paid for through the
 * billing API, and the spool is driven by hand on a standing test clock.
 */
abstract class TransportFlowTestBase extends BillingApiTestBase {

    static final String API = "/api/v1/provisioning";
    static final BigDecimal PRICE = new BigDecimal("100");

    @Autowired
    DSLContext db;

    @Autowired
    MutableClock clock;

    /** Unique per test: the classes share one application, so bindings must not reach others' services. */
    String category;

    @BeforeEach
    void standingClockAndOwnCategory() {
        // the clock stands, so a retry runs only when the test moves it past the backoff
        clock.set(Instant.parse("2026-10-01T07:00:00Z"));
        category = "tr-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void realTimeAgain() {
        clock.set(null);
    }

    void advance(Duration by) {
        clock.set(clock.instant().plus(by));
    }

    <T> T call(ResponseEntity<T> answer, int status) {
        assertThat(answer.getStatusCode().value())
                .as(String.valueOf(answer.getBody()))
                .isEqualTo(status);
        return answer.getBody();
    }

    String credential(String kind, String username, String secret) {
        String name = category + "-" + kind.toLowerCase();
        call(
                admin().put()
                        .uri(API + "/credentials/{name}", name)
                        .body(new NewCredential(kind, username, secret))
                        .retrieve()
                        .toEntity(String.class),
                201);
        return name;
    }

    ServerView server(ServerRequest request) {
        return call(
                admin().post().uri(API + "/servers").body(request).retrieve().toEntity(ServerView.class), 201);
    }

    /** Binds {@code event} of this test's category to a new template on the server. */
    void bind(String event, String templateBody, long serverId, int maxAttempts) {
        TemplateView template = call(
                admin().post()
                        .uri(API + "/templates")
                        .body(new TemplateRequest(category + "-" + event.toLowerCase(), templateBody))
                        .retrieve()
                        .toEntity(TemplateView.class),
                201);
        call(
                admin().post()
                        .uri(API + "/bindings")
                        .body(new BindingRequest(
                                event, category, template.id(), serverId, null, 30, maxAttempts, 5, 0, true))
                        .retrieve()
                        .toEntity(String.class),
                201);
    }

    AccountView account(String email, String money) {
        NewAccount request = new NewAccount(
                null, "Subscriber " + category, null, null, null, email, null, null, "RUB", null, null, null);
        AccountView account = call(
                admin().post().uri("/api/v1/accounts").body(request).retrieve().toEntity(AccountView.class), 201);
        call(
                admin().post()
                        .uri("/api/v1/accounts/{id}/payments", account.id())
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .body(new NewPayment(new BigDecimal(money), "RUB", "cash", null))
                        .retrieve()
                        .toEntity(String.class),
                201);
        return account;
    }

    /** A monthly tariff of this test's category, ordered (and paid from the balance) for the account. */
    long order(long accountId) {
        ServiceView tariff = call(
                admin().post()
                        .uri("/api/v1/catalog/services")
                        .body(new NewService("Tariff " + UUID.randomUUID(), category, PRICE, "P1M", "PERIOD"))
                        .retrieve()
                        .toEntity(ServiceView.class),
                201);
        ServiceActionResult ordered = call(
                admin().post()
                        .uri("/api/v1/accounts/{id}/services", accountId)
                        .body(new NewUserService(tariff.id()))
                        .retrieve()
                        .toEntity(ServiceActionResult.class),
                201);
        return ordered.service().id();
    }

    String status(long userServiceId) {
        return admin().get()
                .uri("/api/v1/user-services/{id}", userServiceId)
                .retrieve()
                .body(UserServiceView.class)
                .status();
    }

    /** The service's only task. */
    TaskView task(long userServiceId) {
        List<TaskView> tasks = admin().get()
                .uri(API + "/tasks?userServiceId={id}", userServiceId)
                .retrieve()
                .body(new ParameterizedTypeReference<List<TaskView>>() {});
        assertThat(tasks).hasSize(1);
        return tasks.getFirst();
    }

    TaskDetail detail(long taskId) {
        return admin().get().uri(API + "/tasks/{id}", taskId).retrieve().body(TaskDetail.class);
    }

    List<OutputLine> output(long taskId) {
        return admin().get()
                .uri(API + "/tasks/{id}/output", taskId)
                .retrieve()
                .body(new ParameterizedTypeReference<List<OutputLine>>() {});
    }

    List<AlertView> openAlerts(long userServiceId) {
        return admin().get()
                .uri(API + "/alerts?userServiceId={id}", userServiceId)
                .retrieve()
                .body(new ParameterizedTypeReference<List<AlertView>>() {});
    }

    /**
     * Everything billing recorded or answers about a service's tasks, as text: the rows of
     * spool_task, spool_attempt and spool_output, and the task, output and alert API answers.
     * A secret must be found nowhere in it.
     */
    String recorded(long userServiceId) {
        StringBuilder all = new StringBuilder();
        db.fetch(
                        "SELECT t.last_message, a.message, o.text FROM spool_task t"
                                + " LEFT JOIN spool_attempt a ON a.task_id = t.id"
                                + " LEFT JOIN spool_output o ON o.attempt_id = a.id WHERE t.user_service_id = ?",
                        userServiceId)
                .forEach(r -> all.append(r.get(0))
                        .append('\n')
                        .append(r.get(1))
                        .append('\n')
                        .append(r.get(2)));
        all.append(json(API + "/tasks?userServiceId=" + userServiceId));
        all.append(json(API + "/alerts?open=false&userServiceId=" + userServiceId));
        long taskId = task(userServiceId).id();
        all.append(json(API + "/tasks/" + taskId));
        all.append(json(API + "/tasks/" + taskId + "/output"));
        assertThat(all).as("the records hold the task's output").contains("TRANSPORT");
        return all.toString();
    }

    private String json(String path) {
        return call(admin().get().uri(path).retrieve().toEntity(String.class), 200);
    }
}
