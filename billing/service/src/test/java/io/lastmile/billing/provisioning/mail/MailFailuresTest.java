package io.lastmile.billing.provisioning.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.provisioning.AttemptOutcome.Kind;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** Replies GreenMail cannot be made to give, built the way Angus Mail reports them. */
class MailFailuresTest {

    @Test
    void rejectedRecipientFails() throws Exception {
        SendFailedException error = new SendFailedException(
                "Invalid Addresses",
                new MessagingException("550 5.1.1 <gone@x.example>: user unknown\n"),
                new InternetAddress[0],
                new InternetAddress[0],
                new InternetAddress[] {new InternetAddress("gone@x.example")});
        assertThat(MailFailures.classify(error).kind()).isEqualTo(Kind.FAIL);
        assertThat(MailFailures.classify(error).exitStatus()).isEqualTo(550);
    }

    @Test
    void greylistedRecipientIsRetried() {
        SendFailedException error = new SendFailedException(
                "Invalid Addresses", new MessagingException("451 4.7.1 greylisted, try later\n"));
        assertThat(MailFailures.classify(error).kind()).isEqualTo(Kind.RETRY);
        assertThat(MailFailures.classify(error).exitStatus()).isEqualTo(451);
    }

    @Test
    void readTimeoutIsRetried() {
        MessagingException error =
                new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"));
        assertThat(MailFailures.classify(error).kind()).isEqualTo(Kind.RETRY);
        assertThat(MailFailures.classify(error).message()).contains("SocketTimeoutException");
    }
}
