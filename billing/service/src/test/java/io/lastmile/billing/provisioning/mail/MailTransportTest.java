package io.lastmile.billing.provisioning.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.AttemptOutcome.Kind;
import io.lastmile.billing.provisioning.mail.MailSettings.Security;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MailTransportTest {

    private static final String PASSWORD = "s3cret-Pa55";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final MailTransport transport = new MailTransport(Clock.fixed(NOW, ZoneOffset.UTC));
    private GreenMail greenMail;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)
        });
        greenMail.start();
        greenMail.setUser("billing@isp.example", "billing", PASSWORD);
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private MailSettings settings(int port, Security security, String password, Set<String> trustHosts) {
        return new MailSettings(
                "127.0.0.1",
                port,
                security,
                "billing",
                password,
                "Billing <billing@isp.example>",
                TIMEOUT,
                TIMEOUT,
                trustHosts);
    }

    private AttemptOutcome send(MailSettings settings, String template, String defaultTo) {
        return transport.send(settings, MailText.parse(template), defaultTo, (stream, line) -> log.add(line));
    }

    private int smtp() {
        return greenMail.getSmtp().getPort();
    }

    private int smtps() {
        return greenMail.getSmtps().getPort();
    }

    @Test
    void plainSmtpWithAuthDeliversToTheSubscriberWhenTheTemplateHasNoTo() throws Exception {
        AttemptOutcome outcome = send(
                settings(smtp(), Security.NONE, PASSWORD, Set.of()),
                "Subject: Your service is on\n\nHello,\nyour tariff is active.\n",
                "u7@home.example");

        assertThat(outcome.kind()).isEqualTo(Kind.SUCCESS);
        assertThat(outcome.exitStatus()).isEqualTo(250);
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(addresses(received[0].getRecipients(Message.RecipientType.TO)))
                .containsExactly("u7@home.example");
        assertThat(received[0].getSubject()).isEqualTo("Your service is on");
        assertThat(received[0].getContentType()).startsWith("text/plain");
        // GreenMail drops the line break that ends the DATA section
        assertThat(((String) received[0].getContent()).replace("\r\n", "\n"))
                .isEqualTo("Hello,\nyour tariff is active.");
        assertThat(received[0].getSentDate().toInstant()).isEqualTo(NOW);
        assertThat(log).singleElement().asString().contains("success", "u7@home.example", "Your service is on", "250");
        assertThat(String.join("\n", log)).doesNotContain(PASSWORD);
    }

    @Test
    void smtpsWithTrustedSelfSignedCertificateDeliversHtmlWithAPlainAlternative() throws Exception {
        AttemptOutcome outcome = send(
                settings(smtps(), Security.TLS, PASSWORD, Set.of("127.0.0.1")),
                "To: noc@isp.example, u7@home.example\nSubject: Счёт оплачен\nContent-Type: text/html; charset=utf-8\n\n"
                        + "<html><body><p>Paid: <b>100&nbsp;RUB</b></p><p><a href=\"https://cab.example\">Cabinet</a>"
                        + "</p></body></html>",
                "ignored@home.example");

        assertThat(outcome.kind()).isEqualTo(Kind.SUCCESS);
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2); // one copy per recipient mailbox
        MimeMessage message = received[0];
        assertThat(addresses(message.getRecipients(Message.RecipientType.TO)))
                .containsExactly("noc@isp.example", "u7@home.example");
        assertThat(message.getSubject()).isEqualTo("Счёт оплачен");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n"))
                .isEqualTo("Paid: 100 RUB\nCabinet (https://cab.example)\n");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("<b>100&nbsp;RUB</b>");
    }

    @Test
    void smtpsWithUntrustedCertificateFailsAndSendsNothing() {
        AttemptOutcome outcome =
                send(settings(smtps(), Security.TLS, PASSWORD, Set.of()), "Subject: x\n\nbody", "u7@home.example");

        assertThat(outcome.kind()).isEqualTo(Kind.FAIL);
        assertThat(outcome.message()).contains("trustHosts");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    /** GreenMail 2.1.5 offers no STARTTLS on SMTP, which tests that "required" means required. */
    @Test
    void startTlsRequiredRefusesToSendInClearToAServerWithoutIt() {
        AttemptOutcome outcome = send(
                settings(smtp(), Security.STARTTLS, PASSWORD, Set.of("127.0.0.1")),
                "Subject: x\n\nbody",
                "u7@home.example");

        assertThat(outcome.kind()).isEqualTo(Kind.FAIL);
        assertThat(outcome.message()).contains("STARTTLS");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void wrongPasswordFailsWithoutRetryAndIsNeverLogged() {
        AttemptOutcome outcome = send(
                settings(smtp(), Security.NONE, "wrong-" + PASSWORD, Set.of()),
                "Subject: x\n\nbody",
                "u7@home.example");

        assertThat(outcome.kind()).isEqualTo(Kind.FAIL);
        assertThat(outcome.message()).contains("login refused");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(String.join("\n", log)).doesNotContain(PASSWORD);
    }

    @Test
    void closedPortIsRetried() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        AttemptOutcome outcome =
                send(settings(closed, Security.NONE, PASSWORD, Set.of()), "Subject: x\n\nbody", "u7@home.example");

        assertThat(outcome.kind()).isEqualTo(Kind.RETRY);
        assertThat(outcome.message()).contains("ConnectException");
    }

    @Test
    void noRecipientAnywhereFails() {
        AttemptOutcome outcome = send(settings(smtp(), Security.NONE, PASSWORD, Set.of()), "Subject: x\n\nbody", null);

        assertThat(outcome.kind()).isEqualTo(Kind.FAIL);
        assertThat(outcome.message()).contains("no recipient");
    }

    @Test
    void settingsNeverShowThePassword() {
        assertThat(settings(smtp(), Security.NONE, PASSWORD, Set.of()).toString())
                .doesNotContain(PASSWORD)
                .contains("password=***");
    }

    private static List<String> addresses(Address[] addresses) {
        return Arrays.stream(addresses).map(Address::toString).toList();
    }
}
