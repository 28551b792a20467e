package io.lastmile.billing.provisioning.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    private final Templates templates = new Templates();
    private final InMemoryServiceStore store = new InMemoryServiceStore();

    private TemplateContext context(long usId) {
        return TemplateContext.forService(usId, store)
                .status("ACTIVE")
                .period(Instant.parse("2025-01-31T21:00:00Z"), Instant.parse("2025-02-28T21:00:00Z"))
                .settings(Map.of("login", "vpn42", "ips", List.of("10.0.0.1", "10.0.0.2"), "speed", 100))
                .service(7, "VPN 100", "vpn", Map.of("price", new BigDecimal("300.00")))
                .server(3, "vpn1.example.net", "vpn1", Map.of("port", 1194))
                .user(99, "C-0042", "Ivan Petrov", "ivan@example.net", null, Map.of("lang", "ru"))
                .event("CREATE")
                .build();
    }

    private String render(String source) {
        return templates.render("create.sh", source, context(42));
    }

    @Test
    void rendersFieldsOfTheServiceUserAndEvent() {
        assertThat(render("{{ event.name }} {{ us.id }} {{ us.status }} {{ us.service.name }} {{ us.server.host }}"))
                .isEqualTo("CREATE 42 ACTIVE VPN 100 vpn1.example.net");
        assertThat(render("{{ user.id }}/{{ user.contract }}/{{ user.name }}/{{ user.email }}/{{ user.phone }}"))
                .isEqualTo("99/C-0042/Ivan Petrov/ivan@example.net/");
        assertThat(render("{{ us.period_start }}..{{ us.period_end }}"))
                .isEqualTo("2025-01-31T21:00:00Z..2025-02-28T21:00:00Z");
    }

    @Test
    void aTemplateCompiledOnceRendersEachContextAndEachEditAfresh() {
        String source =
                "{% for ip in us.settings.ips %}{{ us.id }}:{{ ip }} {% endfor %}{{ gen_store_pass() | length }}";
        String first = templates.render("ips.sh", source, context(1));
        String second = templates.render("ips.sh", source, context(2));
        String edited = templates.render("ips.sh", source + " edited", context(2));

        assertThat(first).isEqualTo("1:10.0.0.1 1:10.0.0.2 24");
        assertThat(second).isEqualTo("2:10.0.0.1 2:10.0.0.2 24");
        assertThat(edited).isEqualTo("2:10.0.0.1 2:10.0.0.2 24 edited");
    }

    @Test
    void rendersSettingsOfEachLevel() {
        assertThat(render("{{ us.settings.login }} {{ us.settings.speed * 2 }} {{ us.service.settings.price }}"
                        + " {{ us.server.settings.port }} {{ user.settings.lang }} {{ us.settings['login'] }}"))
                .isEqualTo("vpn42 200 300.00 1194 ru vpn42");
    }

    @Test
    void rendersLoopsConditionsAndFilters() {
        String source = """
                {% for ip in us.settings.ips -%}
                allow {{ ip }} # {{ loop.index }}
                {% endfor -%}
                {% if us.status == 'ACTIVE' %}up{% else %}down{% endif %} {{ us.settings.login | upper }} \
                {{ us.settings.ips | join(',') }} {{ us.settings.ips[1] }} {{ us.settings.ips | length }} \
                {{ user.phone | default('none') }} {{ us.settings.ips | sort | first }} {{ 'a b' | urlencode }}""";
        assertThat(render(source))
                .isEqualTo(
                        "allow 10.0.0.1 # 0\nallow 10.0.0.2 # 1\nup VPN42 10.0.0.1,10.0.0.2 10.0.0.2 2 none 10.0.0.1 a+b");
    }

    @Test
    void keepsTheLinesOfAScriptAsWritten() {
        assertThat(
                        render(
                                "#!/bin/sh\nuseradd {{ us.settings.login }}\n{% if true %}\necho {{ us.id }}\n{% endif %}\nexit 0\n"))
                .isEqualTo("#!/bin/sh\nuseradd vpn42\n\necho 42\n\nexit 0\n");
    }

    @Test
    void sortingLeavesTheContextAsItWas() {
        assertThat(render("{{ us.settings.ips | rsort | join(',') }} {{ us.settings.ips | join(',') }}"))
                .isEqualTo("10.0.0.2,10.0.0.1 10.0.0.1,10.0.0.2");
    }

    @Test
    void readsTheLoopVariables() {
        assertThat(render("{% for ip in us.settings.ips %}{{ loop.index }}{{ loop.first }}{{ loop.last }}"
                        + "{{ loop.length }}{{ loop.revindex }};{% endfor %}"))
                .isEqualTo("0truefalse21;1falsetrue20;");
    }

    @Test
    void aServerlessServiceHasAnEmptyServer() {
        TemplateContext bare = TemplateContext.forService(5, store).build();
        assertThat(templates.render("t", "{% if us.server is null %}no server{% endif %} {{ us.id }}", bare))
                .isEqualTo("no server 5");
    }

    @Test
    void anUndefinedVariableFailsNamingItAndTheTemplate() {
        assertThatThrownBy(() -> render("line one\n{{ nosuch }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("create.sh")
                .hasMessageContaining("nosuch")
                .hasMessageContaining("line 2");
    }

    @Test
    void anUndefinedAttributeFailsNamingIt() {
        assertThatThrownBy(() -> render("{{ us.settings.password }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("create.sh")
                .hasMessageContaining("'password' is not defined")
                .satisfies(e -> assertThat(((TemplateException) e).line()).isEqualTo(1))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("java."));
    }

    @Test
    void aSyntaxErrorFailsWithItsLine() {
        assertThatThrownBy(() -> render("ok\nok\n{% if us.id %}never closed"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("create.sh")
                .hasMessageContaining("syntax error")
                .hasMessageMatching("(?s).*line [34].*");
        assertThatThrownBy(() -> render("a\n{{ us.id + }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("line 2")
                .hasMessageNotContaining("io.pebbletemplates")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void genStorePassIsStableForOneServiceAndDiffersBetweenServices() {
        String first = templates.render("a", "{{ gen_store_pass() }}", context(1));
        String again = templates.render("b", "{{ gen_store_pass() }}", context(1));
        String other = templates.render("a", "{{ gen_store_pass() }}", context(2));
        assertThat(first).matches("[A-Za-z0-9]{24}").isEqualTo(again).isNotEqualTo(other);
        assertThat(other).matches("[A-Za-z0-9]{24}");
        assertThat(templates.render("a", "{{ gen_store_pass() == gen_store_pass() }}", context(1)))
                .isEqualTo("true");
    }

    @Test
    void storageWriteThenReadAnswersTheMultiLineValue() {
        String key = "-----BEGIN KEY-----\nabc\n-----END KEY-----";
        TemplateContext ctx = context(8);
        assertThat(templates.render(
                        "w",
                        "{{ storage_write('vpn_key', us.settings.key) }}done",
                        TemplateContext.forService(8, store)
                                .settings(Map.of("key", key))
                                .build()))
                .isEqualTo("done");
        assertThat(templates.render("r", "{{ storage_read('vpn_key') }}", ctx)).isEqualTo(key);
        assertThat(store.read(8, "vpn_key")).contains(key);
    }

    @Test
    void storageIsPerService() {
        store.write(8, "vpn_key", "secret of 8");
        assertThat(templates.render("r", "[{{ storage_read('vpn_key', '') }}]", context(9)))
                .isEqualTo("[]");
    }

    @Test
    void readingAnAbsentValueFailsUnlessGivenADefault() {
        assertThatThrownBy(() -> render("\n{{ storage_read('vpn_key') }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("nothing is stored as 'vpn_key'")
                .hasMessageContaining("line 2");
        assertThat(render("{{ storage_read('vpn_key', 'none') }}|{{ storage_read(name='vpn_key', default='') }}"))
                .isEqualTo("none|");
    }

    @Test
    void storageNamesAreChecked() {
        assertThatThrownBy(() -> render("{{ storage_write('../etc/passwd', 'x') }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("storage name");
    }
}
