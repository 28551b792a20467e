package io.lastmile.billing.provisioning.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.provisioning.BindingRequest;
import io.lastmile.billing.api.provisioning.ServerRequest;
import io.lastmile.billing.api.provisioning.TaskView;
import io.lastmile.billing.api.provisioning.TemplateRequest;
import io.lastmile.billing.api.provisioning.TemplateView;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mail commands through the spool to GreenMail over SMTPS with a login: the server made through
 * the operator API with the settings the runner reads (security, from, trustHosts for GreenMail's
 * self-signed certificate), its password stored through the credential API.
 */
class MailThroughSpoolIT extends TransportFlowTestBase {

    private static final String PASSWORD = "smtp-Pa55-0f-the-isp";

    private static final String WELCOME = """
            Subject: Your {{ us.service.category }} service {{ us.id }} is on
            Content-Type: text/html; charset=utf-8

            <html><body><p>Contract <b>{{ user.contract }}</b>: service {{ us.id }} is on.</p>\
            <p><a href="https://cabinet.isp.example">Your cabinet</a></p></body></html>""";

    /** The example of docs/provisioning.md for auth's PASSWORD_RESET event. */
    private static final String RESET = """
            Subject: {{ event.data.contract }}: новый пароль / a new password

            Чтобы задать пароль, откройте ссылку до {{ event.data.expires_at }}:
            To set your password, open this link before {{ event.data.expires_at }}:
            {{ event.data.link }}""";

    private GreenMail greenMail;

    @BeforeEach
    void startGreenMail() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        greenMail.start();
        greenMail.setUser("billing@isp.example", "billing", PASSWORD);
    }

    @AfterEach
    void stopGreenMail() {
        greenMail.stop();
    }

    @Test
    void aNewServiceMailsItsSubscriberOnceInHtmlAndPlainText() throws Exception {
        bind("CREATE", WELCOME, mailServer(PASSWORD), 3);
        AccountView account = account("u-" + category + "@home.example", "100");
        long us = order(account.id());

        runSpool();

        assertThat(status(us)).isEqualTo("ACTIVE");
        TaskView task = task(us);
        assertThat(task.status()).isEqualTo("SUCCESS");
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly(account.email());
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("Billing <billing@isp.example>");
        assertThat(mail.getSubject()).isEqualTo("Your " + category + " service " + us + " is on");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n"))
                .isEqualTo("Contract " + account.contract() + ": service " + us + " is on.\n"
                        + "Your cabinet (https://cabinet.isp.example)\n");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent())
                .contains("<p>Contract <b>" + account.contract() + "</b>: service " + us + " is on.</p>");
        assertThat(output(task.id())).singleElement().satisfies(l -> {
            assertThat(l.stream()).isEqualTo("TRANSPORT");
            assertThat(l.text())
                    .startsWith("success: mail to " + account.email() + ", subject 'Your ")
                    .contains(": 250 ");
        });
        assertThat(recorded(us)).doesNotContain(PASSWORD);
    }

    @Test
    void authsPasswordResetEventMailsTheLinkToTheSubscriber() throws Exception {
        long server = mailServer(PASSWORD);
        TemplateView template = admin().post()
                .uri(API + "/templates")
                .body(new TemplateRequest(category + "-reset", RESET))
                .retrieve()
                .body(TemplateView.class);
        // an account event has no service, so no category: the binding's pattern matches all
        admin().post()
                .uri(API + "/bindings")
                .body(new BindingRequest("PASSWORD_RESET", "%", template.id(), server, null, 30, 3, 5, 0, true))
                .retrieve()
                .toBodilessEntity();
        AccountView account = account("reset-" + category + "@home.example", "1");
        String link = "https://auth.isp.example/reset?token=k3y-" + category;

        // what auth sends (auth's BillingEvents), with auth's own service token
        admin().post()
                .uri("/api/v1/accounts/{id}/events", account.id())
                .body(Map.of(
                        "event",
                        "PASSWORD_RESET",
                        "detail",
                        "reset link requested",
                        "payload",
                        Map.of("link", link, "expires_at", "2026-12-07T10:30:00Z", "contract", account.contract())))
                .retrieve()
                .toBodilessEntity();
        runSpool();

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly(account.email());
        assertThat(received[0].getSubject()).isEqualTo(account.contract() + ": новый пароль / a new password");
        assertThat(((String) received[0].getContent()).replace("\r\n", "\n"))
                .contains("open this link before 2026-12-07T10:30:00Z:\n" + link);
    }

    @Test
    void aRefusedLoginFailsAtOnceSendsNothingAndNeverShowsThePassword() throws Exception {
        String wrong = "not-" + PASSWORD;
        bind("CREATE", WELCOME, mailServer(wrong), 5);
        long us = order(account("u-" + category + "@home.example", "100").id());

        runSpool();

        assertThat(status(us)).isEqualTo("ERROR");
        TaskView dead = task(us);
        assertThat(dead.status()).isEqualTo("DEAD");
        assertThat(dead.attempts()).as("a retry would be refused the same way").isEqualTo(1);
        assertThat(dead.lastMessage()).contains("login refused");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(openAlerts(us)).hasSize(1);
        assertThat(recorded(us)).doesNotContain(wrong);
    }

    @Test
    void aSubscriberWithoutAnAddressFailsNamingWhy() {
        bind("CREATE", WELCOME, mailServer(PASSWORD), 5);
        long us = order(account(null, "100").id());

        runSpool();

        assertThat(status(us)).isEqualTo("ERROR");
        TaskView dead = task(us);
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.lastMessage()).contains("no recipient").contains("the subscriber has no address");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private long mailServer(String password) {
        String login = credential("PASSWORD", "billing", password);
        Map<String, Object> settings =
                Map.of("security", "TLS", "from", "Billing <billing@isp.example>", "trustHosts", List.of("127.0.0.1"));
        return server(new ServerRequest(
                        category + "-smtp",
                        null,
                        "MAIL",
                        "127.0.0.1",
                        greenMail.getSmtps().getPort(),
                        login,
                        null,
                        null,
                        null,
                        settings))
                .id();
    }
}
