package io.lastmile.billing.provisioning.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** raise_event records what to raise once the command succeeds, and refuses what the API refuses. */
class TemplateEventsTest {

    private final Templates templates = new Templates();
    private final InMemoryServiceStore store = new InMemoryServiceStore();

    private TemplateContext context() {
        return TemplateContext.forService(42, store)
                .settings(Map.of("login", "vpn42"))
                .event("CREATE")
                .build();
    }

    @Test
    void eventsAreRecordedInOrderWithTheirDataAndPrintNothing() {
        TemplateContext ctx = context();
        String out = templates.render(
                "create.sh",
                "useradd {{ us.settings.login }}{{ raise_event('VPN_READY', {'login': us.settings.login, 'port': 1194,"
                        + " 'tags': ['a', 'b'], 'on': true, 'none': null}) }}\n{{ raise_event('WELCOME_MAIL') }}done",
                ctx);
        assertThat(out).isEqualTo("useradd vpn42\ndone");
        assertThat(ctx.requestedEvents()).extracting(RequestedEvent::name).containsExactly("VPN_READY", "WELCOME_MAIL");
        Map<String, Object> data = ctx.requestedEvents().getFirst().data();
        assertThat(data)
                .containsEntry("login", "vpn42")
                .containsEntry("port", 1194L)
                .containsEntry("on", true);
        assertThat(data.get("tags")).isEqualTo(List.of("a", "b"));
        assertThat(data).containsKey("none");
        assertThat(ctx.requestedEvents().get(1).data()).isEmpty();
        assertThatThrownBy(() -> ctx.requestedEvents().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> data.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nothingIsRaisedWhileRenderingAndNothingIsKeptFromAFailedRender() {
        TemplateContext ctx = context();
        templates.render("a", "{{ raise_event('VPN_READY') }}", ctx);
        assertThat(ctx.requestedEvents()).hasSize(1);
        assertThatThrownBy(() -> templates.render("b", "{{ raise_event('VPN_READY') }}{{ nosuch }}", ctx))
                .isInstanceOf(TemplateException.class);
        assertThat(ctx.requestedEvents()).isEmpty();
    }

    @Test
    void eachRenderStartsWithNoEvents() {
        TemplateContext ctx = context();
        templates.render("a", "{{ raise_event('ONE') }}", ctx);
        templates.render("b", "{{ raise_event('TWO') }}", ctx);
        assertThat(ctx.requestedEvents()).extracting(RequestedEvent::name).containsExactly("TWO");
        templates.render("c", "nothing", ctx);
        assertThat(ctx.requestedEvents()).isEmpty();
    }

    @Test
    void macrosAndConditionsDecideWhatIsRaised() {
        TemplateContext ctx = context();
        templates.render(
                "t",
                "{% macro ready(kind) %}{{ raise_event('READY_' ~ kind | upper, {'kind': kind}) }}{% endmacro %}"
                        + "{% for k in ['vpn', 'mail'] %}{% if k != 'mail' %}{{ ready(k) }}{% endif %}{% endfor %}"
                        + "{% set ignored = raise_event('SET_TOO') %}",
                ctx);
        assertThat(ctx.requestedEvents())
                .containsExactly(
                        new RequestedEvent("READY_VPN", Map.of("kind", "vpn")), new RequestedEvent("SET_TOO", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE", "BLOCK", "ACTIVATE", "REMOVE", "PROLONGATE", "CHANGED_TARIFF", "PAYMENT"})
    void eventsBillingRaisesItselfAreRefused(String name) {
        assertThatThrownBy(() -> templates.render("t", "\n{{ raise_event('" + name + "') }}", context()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("Template 't', line 2: raise_event('" + name + "'): '" + name
                        + "' is raised by billing itself when the status changes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vpn_ready", "VPN-READY", "1VPN", "", "VPN READY", "_VPN"})
    void namesTheApiRefusesAreRefused(String name) {
        assertThatThrownBy(() -> templates.render("t", "{{ raise_event('" + name + "') }}", context()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("an event name is 1 to 64 upper-case letters, digits or '_', starting with a"
                        + " letter, e.g. VPN_READY");
        assertThatThrownBy(() -> templates.render("t", "{{ raise_event('A" + "B".repeat(64) + "') }}", context()))
                .hasMessageContaining("an event name is 1 to 64");
        assertThatThrownBy(() -> templates.render("t", "{{ raise_event(42) }}", context()))
                .hasMessageContaining("raise_event needs the event's name as text");
    }

    @Test
    void aCommandCannotRaiseTheEventItRunsFor() {
        TemplateContext ctx =
                TemplateContext.forService(1, store).event("VPN_READY").build();
        assertThatThrownBy(() -> templates.render("t", "{{ raise_event('VPN_READY') }}", ctx))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("this command runs for VPN_READY, so raising it again would run the command"
                        + " again, without end");
    }

    @Test
    void atMostTenEventsPerRender() {
        TemplateContext ctx = context();
        templates.render("t", "{% for i in range(1, 10) %}{{ raise_event('E' ~ i) }}{% endfor %}", ctx);
        assertThat(ctx.requestedEvents()).hasSize(10);
        assertThatThrownBy(() ->
                        templates.render("t", "{% for i in range(1, 11) %}{{ raise_event('E' ~ i) }}{% endfor %}", ctx))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("raise_event('E11'): a render may raise at most 10 events");
    }

    @Test
    void dataIsAMapOfPlainValuesOfBoundedSize() {
        assertThatThrownBy(() -> templates.render("t", "{{ raise_event('X', 'text') }}", context()))
                .hasMessageContaining("raise_event('X', data): data is a map of values");
        assertThatThrownBy(() -> templates.render(
                        "t", "{% for i in [1] %}{{ raise_event('X', {'l': loop}) }}{% endfor %}", context()))
                .hasMessageContaining("raise_event('X', data): data.l holds a value templates cannot use");
        String big = "{{ raise_event('X', {'text': '" + "x".repeat(1000) + "'}) }}";
        assertThatThrownBy(() -> templates.render("t", big, context()))
                .hasMessageContaining("data must be at most 1000 characters as JSON");
        TemplateContext ctx = context();
        templates.render("t", "{{ raise_event('X', {'text': '" + "x".repeat(900) + "'}) }}", ctx);
        assertThat(ctx.requestedEvents()).hasSize(1);
    }

    @Test
    void aMacrosOutputIsPlainText() {
        TemplateContext ctx = context();
        templates.render(
                "t", "{% macro m() %}HI{% endmacro %}{{ raise_event('X', {'m': m()}) }}{{ raise_event(m()) }}", ctx);
        assertThat(ctx.requestedEvents().getFirst().data()).containsEntry("m", "HI");
        assertThat(ctx.requestedEvents().get(1).name()).isEqualTo("HI");
    }

    @Test
    void accountEventsMayRaiseEventsToo() {
        TemplateContext ctx = TemplateContext.forAccount().event("PAYMENT").build();
        templates.render("t", "{{ raise_event('THANK_YOU') }}", ctx);
        assertThat(ctx.requestedEvents()).containsExactly(new RequestedEvent("THANK_YOU", Map.of()));
    }
}
