package io.lastmile.billing.provisioning.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.provisioning.template.TemplateException;
import org.junit.jupiter.api.Test;

/** What a template must be to be saved: it compiles, whatever data a service will give it. */
class TemplateCheckTest {

    private final TemplateCheck check = new TemplateCheck();

    private String problem(String body) {
        return check.problem("vpn-create", body)
                .map(TemplateException::getMessage)
                .orElse(null);
    }

    @Test
    void acceptsATemplateThatRenders() {
        assertThat(problem("useradd {{ us.id }} --pass {{ gen_store_pass() }}\n"))
                .isNull();
    }

    @Test
    void acceptsReadsOfDataOnlyRealServicesHave() {
        assertThat(problem("login={{ us.settings.login | upper }}")).isNull();
        assertThat(problem("key={{ storage_read('vpn_key') }}")).isNull();
        assertThat(problem("{{ us.service.settings.speed * 1024 }}")).isNull();
    }

    @Test
    void refusesASyntaxErrorNamingItsLine() {
        assertThat(problem("#!/bin/sh\necho {{ us.id }}\n{% if %}\n"))
                .startsWith("Template 'vpn-create', line 3: syntax error");
        assertThat(problem("a\nb\n{{ us.id }} {% endif %}\nc\n")).contains("line 3", "syntax error", "endif");
    }

    @Test
    void refusesUnknownTagsAndTheTagsTheSandboxRemoved() {
        assertThat(problem("{% shell %}")).contains("syntax error", "shell");
        assertThat(problem("{% include 'other' %}")).contains("'include' tag is not available");
    }

    @Test
    void refusesFunctionsAndFiltersThatDoNotExist() {
        assertThat(problem("{{ gen_pass() }}")).contains("line 1", "gen_pass");
        assertThat(problem("\n{{ us.id | shout }}")).contains("line 2", "shout");
    }

    @Test
    void refusesAVariableDefinedNowhereButNotOneTheTemplateSets() {
        assertThat(problem("echo\n{{ usr.name }}"))
                .isEqualTo("Template 'vpn-create', line 2: variable 'usr' is not defined");
        assertThat(problem("{% if us.settings.vip %}{% set speed = 100 %}{% endif %}{{ speed }}"))
                .isNull();
        assertThat(problem("{% if false %}{% set speed = 100 %}{% endif %}{{ speed }}"))
                .isNull();
    }
}
