package io.lastmile.billing.provisioning.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MailTextTest {

    @Test
    void readsHeadersAndBody() {
        MailText mail = MailText.parse("To: a@x.example, B <b@x.example>\r\nSubject: Tariff\r\n changed\r\n"
                + "Content-Type: text/html\r\n\r\n<p>hi</p>\r\n");
        assertThat(mail).isEqualTo(new MailText("a@x.example, B <b@x.example>", "Tariff changed", true, "<p>hi</p>\n"));
    }

    @Test
    void plainTextAndNoToByDefault() {
        assertThat(MailText.parse("Subject: s\n\nbody")).isEqualTo(new MailText(null, "s", false, "body"));
    }

    @Test
    void rejectsAnUnknownHeaderNamingTheLine() {
        assertThatThrownBy(() -> MailText.parse("Subject: s\nSubjet: t\n\nbody"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("unknown header 'Subjet'");
    }

    @Test
    void rejectsAMissingSubject() {
        assertThatThrownBy(() -> MailText.parse("To: a@x.example\n\nbody")).hasMessageContaining("no 'Subject:'");
    }

    @Test
    void rejectsABadAddress() {
        assertThatThrownBy(() -> MailText.parse("To: not an address@@\nSubject: s\n\nbody"))
                .hasMessageContaining("line 1")
                .hasMessageContaining("is not a list of addresses");
    }

    @Test
    void rejectsAnUnsupportedContentType() {
        assertThatThrownBy(() -> MailText.parse("Subject: s\nContent-Type: application/pdf\n\nbody"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("'application/pdf' is not supported");
    }

    @Test
    void rejectsHeadersWithoutABlankLine() {
        assertThatThrownBy(() -> MailText.parse("Subject: s")).hasMessageContaining("no blank line");
    }

    @Test
    void rejectsALineThatIsNoHeader() {
        assertThatThrownBy(() -> MailText.parse("Subject: s\nHello there\n\nbody"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("expected a header");
    }

    @Test
    void htmlBecomesReadableText() {
        assertThat(
                        HtmlToText.convert(
                                "<html><head><style>p{}</style></head><body><h1>Bill</h1>\n"
                                        + "<ul><li>Internet &amp; TV</li><li>1&#160;000 &lt;RUB&gt;</li></ul>line<br>next</body></html>"))
                .isEqualTo("Bill\n\n- Internet & TV\n- 1 000 <RUB>\nline\nnext\n");
    }
}
