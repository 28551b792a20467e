package io.lastmile.billing.provisioning.mail;

import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.OutputSink;
import io.lastmile.billing.provisioning.OutputSink.Stream;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Sends a provisioning mail through the operator's SMTP server and says what the spool should do
 * next: a refused login or recipient fails (a retry would be refused the same way), a server that
 * cannot be reached or answers 4xx is retried.
 */
public final class MailTransport {

    private final Clock clock;

    public MailTransport(Clock clock) {
        this.clock = clock;
    }

    /**
     * Sends the mail to its {@code To:} or, when the template has none, to {@code defaultTo}.
     * Never throws for a mail or network problem: every ending is an outcome.
     */
    public AttemptOutcome send(MailSettings settings, MailText mail, String defaultTo, OutputSink sink) {
        String to = mail.to() != null ? mail.to() : defaultTo;
        String what = "mail to " + to + ", subject '" + mail.subject() + "'";
        if (to == null || to.isBlank()) {
            return report(
                    sink,
                    AttemptOutcome.fail(
                            null,
                            what + ": no recipient; the template has no 'To:' " + "and the subscriber has no address"));
        }
        Session session = Session.getInstance(SmtpProperties.of(settings));
        try {
            MimeMessage message = message(session, settings, mail, to);
            try (Transport transport = session.getTransport()) {
                transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
                transport.sendMessage(message, message.getAllRecipients());
                String answer = MailFailures.lastAnswer(transport);
                return report(sink, AttemptOutcome.success(MailFailures.code(answer), what + ": " + answer));
            }
        } catch (AddressException e) {
            return report(sink, AttemptOutcome.fail(null, what + ": bad address: " + e.getMessage()));
        } catch (MessagingException e) {
            AttemptOutcome outcome = MailFailures.classify(e);
            String reason = outcome.message();
            if (settings.password() != null && !settings.password().isEmpty()) {
                reason = reason.replace(settings.password(), "***");
            }
            return report(sink, new AttemptOutcome(outcome.kind(), outcome.exitStatus(), what + ": " + reason));
        }
    }

    private MimeMessage message(Session session, MailSettings settings, MailText mail, String to)
            throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.from(), true));
        message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(to, true));
        message.setSubject(mail.subject(), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("Auto-Submitted", "auto-generated");
        if (mail.html()) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(HtmlToText.convert(mail.body()), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.body(), "UTF-8", "html");
            message.setContent(new MimeMultipart("alternative", text, html));
        } else {
            message.setText(mail.body(), "UTF-8", "plain");
        }
        message.saveChanges();
        return message;
    }

    private static AttemptOutcome report(OutputSink sink, AttemptOutcome outcome) {
        sink.line(Stream.TRANSPORT, outcome.kind().name().toLowerCase() + ": " + outcome.message());
        return outcome;
    }

    static String names(Address[] addresses) {
        return addresses == null
                ? ""
                : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
    }

    /** Jakarta Mail session properties for one server, named once so tests and code agree. */
    static final class SmtpProperties {

        private SmtpProperties() {}

        static Properties of(MailSettings s) {
            String protocol = s.security() == MailSettings.Security.TLS ? "smtps" : "smtp";
            String p = "mail." + protocol + ".";
            Properties props = new Properties();
            props.put("mail.transport.protocol", protocol);
            props.put(p + "host", s.host());
            props.put(p + "port", String.valueOf(s.port()));
            props.put(p + "connectiontimeout", String.valueOf(s.connectTimeout().toMillis()));
            props.put(p + "timeout", String.valueOf(s.readTimeout().toMillis()));
            props.put(p + "writetimeout", String.valueOf(s.readTimeout().toMillis()));
            props.put(p + "auth", String.valueOf(s.username() != null));
            if (s.security() == MailSettings.Security.STARTTLS) {
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
            }
            // A trusted host's certificate is taken as presented: a self-signed one names no host.
            props.put(p + "ssl.checkserveridentity", String.valueOf(!s.trustsHostCertificate()));
            if (s.trustsHostCertificate()) {
                props.put(p + "ssl.trust", s.host());
            }
            return props;
        }
    }
}
