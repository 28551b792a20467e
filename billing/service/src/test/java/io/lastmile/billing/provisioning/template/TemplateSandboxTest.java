package io.lastmile.billing.provisioning.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.File;
import java.io.PrintWriter;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way out of the sandbox we know of fails, and its error gives nothing away. */
class TemplateSandboxTest {

    private static final String PATH = System.getenv("PATH");
    private static final String HOME = System.getProperty("user.home");

    private final Templates templates = new Templates();
    private final InMemoryServiceStore store = new InMemoryServiceStore();
    private final TemplateContext context = TemplateContext.forService(42, store)
            .settings(Map.of("login", "vpn42"))
            .user(1, "C-1", "Ivan", "ivan@example.net", "+100", Map.of())
            .event("CREATE")
            .build();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{{ us.getClass() }}",
                "{{ us.class }}",
                "{{ us.class.name }}",
                "{{ us.getClass().getName() }}",
                "{{ \"x\".getClass().forName(\"java.lang.Runtime\") }}",
                "{{ \"x\".class.forName(\"java.lang.Runtime\").getRuntime().exec(\"id\") }}",
                "{{ user.name.getBytes() }}",
                "{{ user.name.bytes }}",
                "{{ user.name.length() }}",
                "{{ us.settings.size() }}",
                "{{ us.settings.empty }}",
                "{{ us.settings.entrySet() }}",
                "{{ template.name }}",
                "{{ template.getName() }}",
                "{{ locale.getDisplayName() }}",
                "{{ _context.getClass() }}",
                "{% for x in [1] %}{{ loop.getClass() }}{% endfor %}",
                "{% for x in [1] %}{{ loop.class }}{% endfor %}",
                "{% macro m() %}{{ us.getClass() }}{% endmacro %}{{ m() }}",
                "{% include \"/etc/passwd\" %}",
                "{% include \"create.sh\" %}",
                "{% import \"x\" %}",
                "{% from \"x\" import m %}",
                "{% extends \"/etc/hostname\" %}",
                "{% embed \"/etc/hostname\" %}{% endembed %}",
                "{% cache 'k' %}{{ us.id }}{% endcache %}",
                "{{ env.PATH }}",
                "{{ environment.PATH }}",
                "{{ system.getProperty(\"user.home\") }}",
                "{{ System.getenv(\"PATH\") }}",
                "{{ i18n(\"messages\", \"x\") }}",
                "{{ range(0, 1000000000000) }}",
                "{% for i in 0..1000000000000 %}{% endfor %}",
                "{{ block(\"x\") }}{% block x %}{{ us.getClass() }}{% endblock %}",
            })
    void escapeAttemptsFailAndLeakNothing(String source) {
        TemplateException e =
                catchThrowableOfType(TemplateException.class, () -> templates.render("evil", source, context));
        assertThat(e).as(source).isNotNull();
        assertThat(e.getMessage()).contains("evil").doesNotContain("java.", "pebbletemplates", "Exception", PATH, HOME);
        assertThat(e.getCause()).isNull();
        assertThat(e.getStackTrace()).isEmpty();
    }

    @Test
    void includeSaysWhyItIsRefused() {
        assertThatThrownBy(() -> templates.render("evil", "ok\n{% include \"/etc/passwd\" %}", context))
                .isInstanceOf(TemplateException.class)
                .hasMessage("Template 'evil', line 2: the 'include' tag is not available: templates cannot load"
                        + " other templates or files, or cache output");
        assertThatThrownBy(() -> templates.render("evil", "{{ us.getClass() }}", context))
                .hasMessageContaining("templates cannot call methods");
    }

    @Test
    void theLoaderServesOnlyTheTemplateBeingRendered() {
        assertThat(new SingleTemplateLoader(() -> null).resourceExists("/etc/passwd"))
                .isFalse();
        SingleTemplateLoader loader = new SingleTemplateLoader(() -> new SingleTemplateLoader.Source("t", "x"));
        assertThat(loader.resourceExists("t")).isTrue();
        assertThatThrownBy(() -> loader.getReader("/etc/passwd")).hasMessageContaining("cannot load");
    }

    @Test
    void whatTheTemplateCanSeeHoldsNoSecrets() {
        String everything = templates.render(
                "dump", "{{ _context }} {{ us }} {{ user }} {{ event }} {{ template }} {{ locale }}", context);
        assertThat(everything).doesNotContain(PATH, HOME, "java.", "pebbletemplates", "GlobalContext");
        assertThat(everything).contains("vpn42", "dump");
    }

    @Test
    void aFileInSettingsIsRefusedNotExposed() {
        assertThatThrownBy(() -> TemplateContext.forService(1, store).settings(Map.of("f", new File("/etc/passwd"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("us.settings.f")
                .hasMessageNotContaining("/etc/passwd");
    }

    @Test
    void aDataSourceDeepInSettingsIsRefusedNotExposed() {
        Map<String, Object> settings = Map.of("db", List.of(Map.of("pool", new FakeDataSource())));
        assertThatThrownBy(() -> TemplateContext.forService(1, store).user(1, "c", "n", null, null, settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user.settings.db[0].pool")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void plainValuesComeThroughAsData() {
        enum Kind {
            PPPOE
        }
        TemplateContext ctx = TemplateContext.forService(1, store)
                .settings(Map.of("kind", Kind.PPPOE, "ports", new Object[] {1, 2}, "on", true))
                .build();
        assertThat(templates.render(
                        "t", "{{ us.settings.kind }} {{ us.settings.ports | join('+') }} {{ us.settings.on }}", ctx))
                .isEqualTo("PPPOE 1+2 true");
    }

    @Test
    void contextValuesCannotBeChangedByATemplate() {
        assertThatThrownBy(() -> templates.render(
                        "t",
                        "{{ us.settings | merge({'login': 'root'}) }}{% set x = us.settings.put('login', 'r') %}",
                        context))
                .isInstanceOf(TemplateException.class);
        assertThat(templates.render("t", "{{ us.settings.login }}", context)).isEqualTo("vpn42");
    }

    /** Stands for the billing DataSource with its password: it must never reach a template. */
    private static final class FakeDataSource implements DataSource {
        @Override
        public String toString() {
            return "jdbc:postgresql://db/billing?password=s3cret";
        }

        @Override
        public Connection getConnection() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Connection getConnection(String user, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return null;
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            return null;
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
