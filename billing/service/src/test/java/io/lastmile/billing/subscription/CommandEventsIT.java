package io.lastmile.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.provisioning.AlertView;
import io.lastmile.billing.api.provisioning.NewEvent;
import io.lastmile.billing.api.provisioning.RenderedText;
import io.lastmile.billing.api.provisioning.TemplateTest;
import io.lastmile.billing.provisioning.HttpTarget;
import io.lastmile.billing.provisioning.ProvisioningFixture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;

/**
 * Custom events a command's template raises with {@code raise_event}: raised once when the command
 * succeeds (never by a failed attempt), dispatched to their own bindings like any event, shown by
 * the template preview without being raised, and stopped with an alert when events raise each other.
 */
class CommandEventsIT extends ScenarioTestBase {

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private HttpTarget target;
    private ProvisioningFixture fixture;
    private String category;
    private long server;
    private int templates;

    @BeforeEach
    void fixture() throws Exception {
        fixture = provisioning();
        category = "raising-" + System.nanoTime();
        target = new HttpTarget("vpn", "127.0.0.1", log);
        server = fixture.httpServer(category, target.host(), target.port(), null);
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    @Test
    void anEventATemplateAsksForIsRaisedOnceWhenItsCommandSucceedsAndRunsItsOwnCommands() {
        target.answer(503);
        bind("CREATE", "{{ raise_event('VPN_READY', {'port': 1194}) }}POST /create/{{ us.id }}");
        bind("VPN_READY", "POST /ready/{{ us.id }}/{{ event.name }}");
        Scenario s = story(MOSCOW, "2026-09-01T10:00");
        long us = s.pay("100").order(tariff(s));

        runSpool();
        assertThat(raised(us)).as("a failed attempt raises nothing").isEmpty();
        target.answer(200);
        s.advance("PT5M");
        runSpool();

        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(raised(us)).singleElement().satisfies(detail -> assertThat(detail)
                .startsWith("raised by task ")
                .contains("\"port\":1194"));
        assertThat(log)
                .containsExactly(
                        "vpn POST /create/" + us, "vpn POST /create/" + us, "vpn POST /ready/" + us + "/VPN_READY");
    }

    @Test
    void theApiRaisesACustomEventWhoseCommandsRunAndRefusesNamesItMayNotRaise() {
        target.answer(200);
        bind("PORT_OPENED", "POST /port/{{ us.id }}/{{ event.name }}");
        Scenario s = story(MOSCOW, "2026-09-01T10:00");
        long us = s.pay("100").order(tariff(s));

        var raised = s.tryAct(us, "events", new NewEvent("PORT_OPENED", "opened by the NOC", null));
        var lifecycle = s.tryAct(us, "events", new NewEvent("BLOCK", null, null));
        var badName = s.tryAct(us, "events", new NewEvent("port-opened", null, null));
        runSpool();

        assertThat(raised.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(raised.getBody()).contains("\"dispatched\":true");
        assertThat(lifecycle.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(lifecycle.getBody()).contains("'BLOCK' is raised by billing itself");
        assertThat(badName.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badName.getBody()).contains("1 to 64 upper-case letters");
        assertThat(log).containsExactly("vpn POST /port/" + us + "/PORT_OPENED");
        assertThat(s.status(us)).as("a custom event moves no status").isEqualTo("ACTIVE");
    }

    @Test
    void thePreviewShowsWhatATemplateWouldRaiseAndRaisesNothing() {
        long template = fixture.template(
                category + "-preview", "{{ raise_event('VPN_READY', {'port': us.id}) }}POST /create/{{ us.id }}");
        Scenario s = story(MOSCOW, "2026-09-01T10:00");
        long us = s.pay("100").order(s.tariff().category("quiet-" + category).create("100"));

        RenderedText preview = admin().post()
                .uri("/api/v1/provisioning/templates/{id}/test", template)
                .body(new TemplateTest(us, null, "CREATE", null))
                .retrieve()
                .body(RenderedText.class);

        assertThat(preview.text()).isEqualTo("POST /create/" + us);
        assertThat(preview.events()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("VPN_READY");
            assertThat(e.data()).isEqualTo(Map.of("port", (int) us));
        });
        assertThat(raised(us)).isEmpty();
    }

    @Test
    void eventsWhoseCommandsRaiseEachOtherAreStoppedWithAnAlert() {
        target.answer(200);
        bind("CREATE", "{{ raise_event('PING') }}POST /create/{{ us.id }}");
        bind("PING", "{{ raise_event('PONG') }}POST /ping/{{ us.id }}");
        bind("PONG", "{{ raise_event('PING') }}POST /pong/{{ us.id }}");
        Scenario s = story(MOSCOW, "2026-09-01T10:00");
        long us = s.pay("100").order(tariff(s));

        runSpool();

        assertThat(s.status(us)).isEqualTo("ACTIVE");
        assertThat(raised(us)).hasSize(50);
        assertThat(log).hasSize(51);
        List<AlertView> alerts = admin().get()
                .uri("/api/v1/provisioning/alerts?userServiceId={id}", us)
                .retrieve()
                .body(new ParameterizedTypeReference<List<AlertView>>() {});
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("EVENT_LOOP");
            assertThat(a.message()).contains("raise each other");
        });
    }

    private long tariff(Scenario s) {
        return s.tariff().category(category).create("100");
    }

    private void bind(String event, String body) {
        long template = fixture.template(category + "-" + (++templates), body);
        fixture.bind(event, category, template, server, null, 0, 3, 10);
    }

    /** The details of the events commands raised for the service. */
    private List<String> raised(long us) {
        return db.fetch(
                        "SELECT detail FROM user_service_event WHERE user_service_id = ? AND actor = 'command' ORDER BY id",
                        us)
                .map(r -> r.get(0, String.class));
    }
}
