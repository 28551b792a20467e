package io.lastmile.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.provisioning.AlertView;
import io.lastmile.billing.api.provisioning.TaskDetail;
import io.lastmile.billing.api.provisioning.TaskView;
import io.lastmile.billing.provisioning.HttpTarget;
import io.lastmile.billing.provisioning.ProvisioningFixture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;

/**
 * Services through their provisioning commands, end to end: bindings raise tasks from the event
 * outbox, the spool runs them through the HTTP transport against local endpoints, and the service
 * moves when all of its event's commands are done. The spool is driven by hand, the clock by the test.
 */
class ProvisioningFlowIT extends ScenarioTestBase {

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<HttpTarget> targets = new ArrayList<>();
    private ProvisioningFixture fixture;
    private String category;

    @BeforeEach
    void fixture() {
        fixture = provisioning();
        // each test binds its own category, so one test's bindings never reach another's services
        category = "flow-" + System.nanoTime();
    }

    @AfterEach
    void stopTargets() {
        targets.forEach(HttpTarget::close);
    }

    @Test
    void aTargetDownForAWhileIsRetriedAndTheServiceBecomesActiveWhenItIsBack() throws Exception {
        HttpTarget target = target("vpn", "127.0.0.1").answer(503);
        bind("CREATE", "POST /create/{{ us.id }}", server("vpn", target), 0, 5);
        Scenario s = story(MOSCOW, "2026-09-01T10:00");
        long us = s.pay("100").order(tariff(s));

        assertThat(s.status(us)).isEqualTo("PROGRESS");
        runSpool();
        s.advance("PT1M");
        runSpool();
        assertThat(s.status(us)).isEqualTo("PROGRESS");
        target.answer(200);
        s.advance("PT5M");
        runSpool();

        assertThat(s.status(us)).isEqualTo("ACTIVE");
        TaskDetail task = detail(tasksOf(us).getFirst().id());
        assertThat(task.task().status()).isEqualTo("SUCCESS");
        assertThat(task.attempts()).extracting(a -> a.outcome()).containsExactly("RETRY", "RETRY", "SUCCESS");
        assertThat(task.attempts()).extracting(a -> a.exitStatus()).containsExactly(503, 503, 200);
        assertThat(log).containsExactly("vpn POST /create/" + us, "vpn POST /create/" + us, "vpn POST /create/" + us);
        assertThat(openAlerts(us)).isEmpty();
    }

    @Test
    void retriesExhaustedPutTheServiceInErrorWithAnAlertUntilAnOperatorRetriesIt() throws Exception {
        HttpTarget target = target("vpn", "127.0.0.1").answer(503);
        bind("CREATE", "POST /create/{{ us.id }}", server("vpn", target), 0, 2);
        Scenario s = story(MOSCOW, "2026-09-01T10:00");
        long us = s.pay("100").order(tariff(s));

        runSpool();
        s.advance("PT10M");
        runSpool();

        assertThat(s.status(us)).isEqualTo("ERROR");
        TaskView dead = tasksOf(us).getFirst();
        assertThat(dead.status()).isEqualTo("DEAD");
        assertThat(dead.attempts()).isEqualTo(2);
        assertThat(openAlerts(us)).singleElement().satisfies(a -> {
            assertThat(a.taskId()).isEqualTo(dead.id());
            assertThat(a.severity()).isEqualTo("CRITICAL");
        });

        target.answer(200);
        var retried = admin().post()
                .uri("/api/v1/provisioning/tasks/{id}/retry", dead.id())
                .retrieve()
                .toEntity(TaskView.class);
        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retried.getBody().status()).isEqualTo("NEW");
        assertThat(s.status(us)).isEqualTo("PROGRESS");
        runSpool();

        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(detail(dead.id()).attempts()).hasSize(3);
        assertThat(openAlerts(us)).isEmpty();
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        HttpTarget target = target("vpn", "127.0.0.1").answer(404);
        bind("CREATE", "POST /create/{{ us.id }}", server("vpn", target), 0, 5);
        Scenario s = story(MOSCOW, "2026-09-01T10:00");
        long us = s.pay("100").order(tariff(s));

        runSpool();

        assertThat(s.status(us)).isEqualTo("ERROR");
        assertThat(tasksOf(us).getFirst().attempts()).isEqualTo(1);
        assertThat(log).hasSize(1);
    }

    @Test
    void aServicesCommandsRunInTheBindingsOrderAndItsEventsInTheirOrder() throws Exception {
        long server = server("vpn", target("vpn", "127.0.0.1"));
        bind("CREATE", "POST /second/{{ us.id }}", server, 2, 3);
        bind("CREATE", "POST /first/{{ us.id }}", server, 1, 3);
        bind("BLOCK", "POST /block/{{ us.id }}", server, 0, 3);
        Scenario s = story(MOSCOW, "2026-09-01T10:00");
        long us = s.pay("100").order(tariff(s));
        runSpool();
        s.act(us, "block");
        runSpool();

        assertThat(log).containsExactly("vpn POST /first/" + us, "vpn POST /second/" + us, "vpn POST /block/" + us);
        assertThat(s.status(us)).isEqualTo("BLOCKED/OPERATOR");
    }

    @Test
    void aBundleRunsOnThreeServersChildrenFirstAndTearsDownChildrenFirst() throws Exception {
        long group = fixture.group("pool-" + category, "LEAST_LOADED");
        for (String address : List.of("127.0.0.2", "127.0.0.3", "127.0.0.4")) {
            HttpTarget t = target(address, address);
            fixture.httpServer(category + "-" + address, t.host(), t.port(), group);
        }
        long template = fixture.template(category + "-t", "POST /{{ event.name }}/{{ us.id }}");
        for (String event : List.of("CREATE", "REMOVE")) {
            fixture.bind(event, category + "%", template, null, group, 0, 3, 1);
        }
        Scenario s = story(MOSCOW, "2026-09-01T10:00");
        long bundle = s.tariff().category(category).create("300");
        for (int i = 1; i <= 3; i++) {
            TariffFixture.addChild(
                    db, bundle, s.tariff().category(category + "-part").create("100"), 1, i);
        }
        long us = s.pay("300").order(bundle);
        List<Long> children = s.service(us).children();

        runSpool();

        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(log).hasSize(4);
        assertThat(log.subList(0, 3))
                .extracting(line -> line.substring(line.lastIndexOf('/') + 1))
                .containsExactlyInAnyOrderElementsOf(
                        children.stream().map(String::valueOf).toList());
        assertThat(log.get(3)).endsWith("/CREATE/" + us);
        List<Long> servers = children.stream().map(this::serverOf).distinct().toList();
        assertThat(servers).as("each child on its own server").hasSize(3);

        log.clear();
        s.act(us, "stop");
        runSpool();

        assertThat(log).hasSize(4);
        assertThat(log.subList(0, 3)).allSatisfy(line -> assertThat(line).contains("/REMOVE/"));
        assertThat(log.get(3)).endsWith("/REMOVE/" + us);
        for (long child : children) {
            String childServer = log.stream()
                    .filter(l -> l.endsWith("/" + child))
                    .map(l -> l.substring(0, l.indexOf(' ')))
                    .distinct()
                    .reduce((a, b) -> a + "," + b)
                    .orElseThrow();
            assertThat(childServer)
                    .as("child " + child + " removed where it was created")
                    .doesNotContain(",");
        }
    }

    @Test
    void aTemplateThatDoesNotRenderFailsAtOnceNamingItsLine() throws Exception {
        long server = server("vpn", target("vpn", "127.0.0.1"));
        bind("CREATE", "POST /create\n{{ us.no_such_field }}", server, 0, 5);
        Scenario s = story(MOSCOW, "2026-09-01T10:00");
        long us = s.pay("100").order(tariff(s));

        runSpool();

        assertThat(s.status(us)).isEqualTo("ERROR");
        TaskView task = tasksOf(us).getFirst();
        assertThat(task.attempts()).isEqualTo(1);
        assertThat(task.lastMessage()).contains(category).contains("line 2");
        assertThat(log).isEmpty();
    }

    private long tariff(Scenario s) {
        return s.tariff().category(category).create("100");
    }

    private HttpTarget target(String name, String address) throws Exception {
        HttpTarget t = new HttpTarget(name, address, log);
        targets.add(t);
        return t;
    }

    private long server(String name, HttpTarget target) {
        return fixture.httpServer(category + "-" + name, target.host(), target.port(), null);
    }

    private int templates;

    private void bind(String event, String body, long server, int position, int attempts) {
        long template = fixture.template(category + "-" + (++templates), body);
        fixture.bind(event, category, template, server, null, position, attempts, 10);
    }

    private Long serverOf(long userServiceId) {
        return db.fetchSingle("SELECT server_id FROM user_service WHERE id = ?", userServiceId)
                .get(0, Long.class);
    }

    private List<TaskView> tasksOf(long us) {
        return admin().get()
                .uri("/api/v1/provisioning/tasks?userServiceId={id}", us)
                .retrieve()
                .body(new ParameterizedTypeReference<List<TaskView>>() {});
    }

    private TaskDetail detail(long taskId) {
        return admin().get()
                .uri("/api/v1/provisioning/tasks/{id}", taskId)
                .retrieve()
                .body(TaskDetail.class);
    }

    private List<AlertView> openAlerts(long us) {
        return admin().get()
                .uri("/api/v1/provisioning/alerts?userServiceId={id}", us)
                .retrieve()
                .body(new ParameterizedTypeReference<List<AlertView>>() {});
    }
}
