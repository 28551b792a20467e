package io.lastmile.billing.provisioning.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pebbletemplates.pebble.error.PebbleException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Every render ends, soon, whatever the template does: loops, macros, output and values are
 * bounded. Deadlines here are short so that the tests are quick; the bound given to {@code
 * assertTimeoutPreemptively} only proves that the render ends at all.
 */
class TemplateLimitsTest {

    /** Far more than any of these renders needs when its limit works; a hang without it. */
    private static final Duration ENDS_WITHIN = Duration.ofSeconds(60);

    private static final TemplateLimits SHORT = new TemplateLimits(Duration.ofMillis(200), Integer.MAX_VALUE, 64);

    private final Templates templates = new Templates();
    private final Templates shortDeadline = new Templates(SHORT);
    private final InMemoryServiceStore store = new InMemoryServiceStore();
    private final TemplateContext context = TemplateContext.forService(42, store)
            .settings(Map.of(
                    "ips",
                    IntStream.range(0, 1000)
                            .mapToObj(i -> "10.0." + i / 256 + "." + i % 256)
                            .toList(),
                    "login",
                    "vpn42"))
            .event("CREATE")
            .build();

    private TemplateException failure(Templates engine, String source) {
        return assertTimeoutPreemptively(ENDS_WITHIN, () -> {
            try {
                engine.render("runaway.sh", source, context);
            } catch (TemplateException e) {
                return e;
            }
            throw new AssertionError("rendered: " + source);
        });
    }

    @Test
    void nestedRangesStopAtTheIterationBudget() {
        TemplateException e = failure(
                templates,
                "#!/bin/sh\n{% for i in range(1, 100000) %}{% for j in range(1, 100000) %}{% endfor %}{% endfor %}");
        assertThat(e)
                .hasMessage("Template 'runaway.sh', line 2: its loops ran more than 1000000 times in all and it was"
                        + " stopped (a runaway loop?)");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void nestedRangesStopAtTheDeadline() {
        assertThat(failure(
                        shortDeadline,
                        "{% for i in range(1, 100000) %}{% for j in range(1, 100000) %}{% endfor %}{% endfor %}"))
                .hasMessage("Template 'runaway.sh', line 1: it ran longer than 200 ms and was stopped (a runaway"
                        + " loop?)");
    }

    @Test
    void nestedLoopsOverTheServicesDataStopAtTheDeadline() {
        assertThat(failure(
                        shortDeadline,
                        "{% for a in us.settings.ips %}{% for b in us.settings.ips %}{% for c in us.settings.ips %}"
                                + "{% endfor %}{% endfor %}{% endfor %}"))
                .hasMessageContaining("it ran longer than 200 ms");
    }

    @Test
    void aRangeLongerThanTheIterationBudgetIsRefusedBeforeItIsBuilt() {
        for (String source : List.of(
                "{% for i in range(0, 1000000000000) %}{% endfor %}", "{% for i in 0..1000000000000 %}{% endfor %}")) {
            assertThat(failure(templates, source))
                    .hasMessageContaining(
                            "range(0, 1000000000000) counts 1000000000001 numbers, more than the 1000000");
        }
    }

    @Test
    void macroRecursionStopsAtTheDepthLimit() {
        assertThat(failure(templates, "\n{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}"))
                .hasMessage("Template 'runaway.sh', line 2: macro 'm' was called more than 64 deep and it was"
                        + " stopped (a macro that calls itself without end?)");
    }

    @Test
    void macrosThatCallEachOtherTwiceStopAtTheDeadline() {
        StringBuilder source = new StringBuilder();
        for (int i = 0; i < 40; i++) { // 2^40 calls, no loop anywhere
            source.append("{% macro m")
                    .append(i)
                    .append("() %}{{ m")
                    .append(i + 1)
                    .append("() }}{{ m")
                    .append(i + 1)
                    .append("() }}{% endmacro %}\n");
        }
        source.append("{% macro m40() %}{% endmacro %}{{ m0() }}");
        assertThat(failure(shortDeadline, source.toString())).hasMessageContaining("it ran longer than 200 ms");
    }

    @Test
    void aStackOverflowIsATemplateException() throws InterruptedException {
        Templates deep = new Templates(new TemplateLimits(Duration.ofSeconds(30), 1_000_000, 1_000_000));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread small = new Thread(
                null,
                () -> {
                    try {
                        deep.render("deep", "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}", context);
                    } catch (Throwable t) {
                        thrown.set(t);
                    }
                },
                "small-stack",
                256 * 1024);
        small.start();
        small.join(ENDS_WITHIN.toMillis());
        assertThat(thrown.get())
                .isInstanceOf(TemplateException.class)
                .hasMessage("Template 'deep': it nests too deeply (a macro that calls itself?)");
        assertThat(failure(templates, "{% block x %}{{ block('x') }}{% endblock %}"))
                .hasMessageContaining("it nests too deeply");
    }

    @Test
    void bigOutputIsCapped() {
        assertThat(failure(templates, "{% for i in range(1, 900000) %}xxxxxxxxxx{% endfor %}"))
                .hasMessageContaining("its output grew larger than 1048576 characters (a runaway loop?)");
    }

    @Test
    void theOutputChecksTheDeadlineAtEveryWrite() throws Exception {
        RenderBudget budget = new RenderBudget("t", new TemplateLimits(Duration.ofMillis(1), 10, 10));
        Writer out = budget.writer(new StringWriter());
        Thread.sleep(20); // certainly past the deadline
        assertThatThrownBy(() -> out.write("late")).isInstanceOf(PebbleException.class);
        assertThat(budget.stopped().problem()).isEqualTo("it ran longer than 1 ms and was stopped (a runaway loop?)");
    }

    @Test
    void valuesThatKeepGrowingAreStopped() {
        String doubling = "{% set s = 'abcdefgh' %}{% for i in range(1, 40) %}{% set s = s ~ s %}{% endfor %}";
        String listOfLongTexts = "{% set s = 'abcdefgh' %}{% for i in range(1, 17) %}{% set s = s ~ s %}{% endfor %}"
                + "{% set l = [s] %}{% for i in range(1, 40) %}{% set l = l | merge(l) %}{% endfor %}{{ l }}";
        String listOfMacroOutputs = "{% macro m() %}{% for i in range(1, 1000) %}abcdefgh{% endfor %}{% endmacro %}"
                + "{% set l = [m()] %}{% for i in range(1, 10) %}{% set l = l | merge(l) %}{% endfor %}{{ l }}";
        String macroArgument = "{% macro m(s) %}{{ m(s ~ s) }}{% endmacro %}{{ m('abcdefgh') }}";
        String replaceBomb = "{% set s = '" + "a".repeat(33) + "' %}"
                + "{{ s | replace({'a': s}) | replace({'a': s}) | replace({'a': s}) }}";
        String joinBomb = "{% set s = 'abcdefgh' %}{% for i in range(1, 17) %}{% set s = s ~ s %}{% endfor %}"
                + "{{ range(1, 1000) | join(s) }}";
        for (String source :
                List.of(doubling, listOfLongTexts, listOfMacroOutputs, macroArgument, replaceBomb, joinBomb)) {
            assertThat(failure(templates, source))
                    .as(source)
                    .hasMessageContaining("larger than 1048576 characters (a runaway loop?)")
                    .hasMessageNotContaining("output"); // stopped before anything prints it
        }
    }

    @Test
    void aSplitThatBacktracksStopsAtTheDeadline() {
        assertThat(failure(shortDeadline, "{{ '" + "a".repeat(40) + "!' | split('(a+)+\\1b') }}"))
                .hasMessageContaining("it ran longer than 200 ms");
    }

    @Test
    void normalTemplatesStillRender() {
        String source = """
                {% macro tree(n) %}{% if n > 0 %}({{ tree(n - 1) }}){% endif %}{% endmacro -%}
                {% for ip in us.settings.ips | slice(0, 3) -%}
                allow {{ ip }} {{ loop.index }}/{{ loop.length }}
                {% endfor -%}
                {{ tree(10) }} {{ range(1, 10, 3) | join(',') }} {{ range(5, 1, -1) | join('') }} \
                {{ ('a'..'e') | join('') }}
                {% set parts = 'a1b2c' | split('\\d') %}{{ parts[1] }} {{ parts | length }} \
                {{ 'a.b' | replace({'.': '-'}) }} {% for i in range(1, 0) %}never{% else %}empty{% endfor %}""";
        String rendered = assertTimeoutPreemptively(ENDS_WITHIN, () -> templates.render("ok", source, context));
        assertThat(rendered)
                .isEqualTo("allow 10.0.0.0 0/3\nallow 10.0.0.1 1/3\nallow 10.0.0.2 2/3\n" + "(".repeat(10)
                        + ")".repeat(10) + " 1,4,7,10 54321 abcde\nb 3 a-b empty");
    }

    @Test
    void limitsAreBoundFromPropertiesWithTheDefaults() {
        Binder none = new Binder(new MapConfigurationPropertySource(Map.of()));
        assertThat(none.bindOrCreate("lastmile.billing.templates", TemplateLimits.class))
                .isEqualTo(TemplateLimits.DEFAULTS);
        Binder set = new Binder(new MapConfigurationPropertySource(Map.of(
                "lastmile.billing.templates.render-timeout", "500ms",
                "lastmile.billing.templates.max-iterations", "1000")));
        assertThat(set.bindOrCreate("lastmile.billing.templates", TemplateLimits.class))
                .isEqualTo(new TemplateLimits(Duration.ofMillis(500), 1000, 64));
        assertThatThrownBy(() -> TemplateLimits.DEFAULTS.withRenderTimeout(Duration.ZERO))
                .hasMessageContaining("render-timeout must be positive");
    }
}
