package io.lastmile.fiscal.provider.cloudpayments;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.provider.cloudpayments.NotificationHandler.Answer;
import io.lastmile.fiscal.provider.cloudpayments.NotificationHandler.Kind;
import io.lastmile.fiscal.provider.webhooktest.FakeBook;
import io.lastmile.fiscal.provider.webhooktest.FakeSettings;
import io.lastmile.fiscal.provider.webhooktest.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications as CloudPayments sends them: form-encoded fields (its documented names and
 * example values), Content-HMAC = base64 HMAC-SHA256 of the raw body with the API Secret.
 */
class CloudPaymentsNotificationTest {

    private static final String SECRET = "api-secret-of-the-site";
    private static final String FORM = "application/x-www-form-urlencoded";

    private final FakeBook book = new FakeBook();
    private final FakeSettings settings = new FakeSettings();
    private NotificationHandler handler;

    @BeforeEach
    void setUp() {
        settings.set("cloudpayments", false, Map.of("publicId", "pk_test", "apiSecret", SECRET));
        book.contracts.add("user_x");
        book.invoices.put(1234567L, Fixtures.invoice(1234567L, "user_x", "cloudpayments", "10.00", "RUB"));
        handler = new NotificationHandler(
                settings,
                book,
                Fixtures.invoicesOf(book),
                Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC));
    }

    static String pay(String amount) {
        return "TransactionId=504&Amount=" + amount + "&Currency=RUB&PaymentAmount=" + amount
                + "&PaymentCurrency=RUB&DateTime=2014-08-09+11%3A49%3A42&CardFirstSix=424242"
                + "&CardLastFour=4242&CardType=Visa&CardExpDate=01%2F15&TestMode=1&Status=Completed"
                + "&OperationType=Payment&InvoiceId=1234567&AccountId=user_x&Email=payer%40example.com";
    }

    private Answer send(Kind kind, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return handler.handle(kind, bytes, ContentHmac.sign(bytes, SECRET), FORM);
    }

    @Test
    void signatureIsTheBase64HmacOfTheRawBody() {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), a published test vector
        byte[] body = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
        assertThat(ContentHmac.sign(body, "key")).isEqualTo("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
        assertThat(ContentHmac.verifies(body, "97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=", "key"))
                .isTrue();
        assertThat(ContentHmac.verifies(body, "97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNh=", "key"))
                .isFalse();
        assertThat(ContentHmac.verifies(body, "not base64!", "key")).isFalse();
        assertThat(ContentHmac.verifies(body, null, "key")).isFalse();
    }

    @Test
    void paysOnceWithItsFieldsAndAnswersCodeZero() {
        Answer answer = send(Kind.PAY, pay("10.00"));

        assertThat(answer).isEqualTo(Answer.code(0));
        assertThat(book.booked).containsOnlyKeys("cloudpayments:504");
        var payment = book.booked.get("cloudpayments:504");
        assertThat(payment.contract()).isEqualTo("user_x");
        assertThat(payment.invoiceId()).isEqualTo(1234567L);
        assertThat(payment.amount()).isEqualByComparingTo("10.00");
        assertThat(payment.currency()).isEqualTo("RUB");
        assertThat(payment.paidAt()).isEqualTo(Instant.parse("2014-08-09T11:49:42Z"));
        assertThat(payment.testMode()).isTrue();
        assertThat(payment.customerEmail()).isEqualTo("payer@example.com");
        assertThat(payment.details()).containsEntry("CardLastFour", "4242");
    }

    @Test
    void aReplayedPayIsAnsweredZeroAndBookedOnce() {
        assertThat(send(Kind.PAY, pay("10.00"))).isEqualTo(Answer.code(0));
        assertThat(send(Kind.PAY, pay("10.00"))).isEqualTo(Answer.code(0));

        assertThat(book.booked).hasSize(1);
    }

    @Test
    void aTamperedBodyIsRefusedAndBooksNothing() {
        byte[] signed = pay("10.00").getBytes(StandardCharsets.UTF_8);
        byte[] tampered = pay("1000.00").getBytes(StandardCharsets.UTF_8);

        Answer answer = handler.handle(Kind.PAY, tampered, ContentHmac.sign(signed, SECRET), FORM);

        assertThat(answer.httpStatus()).isEqualTo(401);
        assertThat(book.booked).isEmpty();
    }

    @Test
    void aBodySignedWithAnotherSecretIsRefused() {
        byte[] body = pay("10.00").getBytes(StandardCharsets.UTF_8);

        assertThat(handler.handle(Kind.PAY, body, ContentHmac.sign(body, "another"), FORM)
                        .httpStatus())
                .isEqualTo(401);
        assertThat(handler.handle(Kind.CHECK, body, ContentHmac.sign(body, "another"), FORM))
                .isEqualTo(Answer.code(13));
        assertThat(book.booked).isEmpty();
        assertThat(book.checks).isEmpty();
    }

    @Test
    void checkAcceptsAnOpenInvoiceAndBooksNothing() {
        assertThat(send(Kind.CHECK, pay("10.00"))).isEqualTo(Answer.code(0));

        assertThat(book.checks).hasSize(1);
        assertThat(book.booked).isEmpty();
    }

    @Test
    void checkRefusesAWrongAmountWithTwelve() {
        assertThat(send(Kind.CHECK, pay("9.99"))).isEqualTo(Answer.code(12));
        assertThat(send(Kind.CHECK, pay("10.001"))).isEqualTo(Answer.code(12));
    }

    @Test
    void checkRefusesAnUnknownInvoiceWithTenAndAnUnknownAccountWithEleven() {
        assertThat(send(Kind.CHECK, pay("10.00").replace("InvoiceId=1234567", "InvoiceId=7")))
                .isEqualTo(Answer.code(10));
        assertThat(send(
                        Kind.CHECK,
                        pay("10.00").replace("&InvoiceId=1234567", "").replace("AccountId=user_x", "AccountId=nobody")))
                .isEqualTo(Answer.code(11));
        assertThat(book.booked).isEmpty();
    }

    @Test
    void checkRefusesAnExpiredInvoiceWithTwenty() {
        var open = book.invoices.get(1234567L);
        book.invoices.put(
                1234567L,
                new io.lastmile.fiscal.payment.Invoice(
                        open.id(),
                        open.accountId(),
                        open.contract(),
                        open.provider(),
                        open.amount(),
                        open.currency(),
                        open.status(),
                        open.description(),
                        open.customerEmail(),
                        open.customerPhone(),
                        open.createdAt(),
                        Instant.parse("2026-12-07T07:30:00Z")));

        assertThat(send(Kind.CHECK, pay("10.00"))).isEqualTo(Answer.code(20));
    }

    @Test
    void aPayWithAWrongAmountOrAnUnknownAccountIsAcknowledgedButNotBooked() {
        assertThat(send(Kind.PAY, pay("9.00"))).isEqualTo(Answer.code(0));
        assertThat(send(
                        Kind.PAY,
                        pay("10.00").replace("&InvoiceId=1234567", "").replace("AccountId=user_x", "AccountId=nobody")))
                .isEqualTo(Answer.code(0));

        assertThat(book.booked).isEmpty();
    }

    @Test
    void billingDownAsksCloudPaymentsToDeliverAgain() {
        book.unavailable = true;
        assertThat(send(Kind.PAY, pay("10.00")).httpStatus()).isEqualTo(503);
        assertThat(book.booked).isEmpty();

        book.unavailable = false;
        assertThat(send(Kind.PAY, pay("10.00"))).isEqualTo(Answer.code(0));
        assertThat(book.booked).hasSize(1);
    }

    @Test
    void aPayInJsonIsReadAsWell() {
        String json =
                "{\"TransactionId\":504,\"Amount\":10.00,\"Currency\":\"RUB\",\"DateTime\":\"2014-08-09 11:49:42\","
                        + "\"TestMode\":false,\"Status\":\"Completed\",\"InvoiceId\":\"1234567\",\"AccountId\":\"user_x\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        assertThat(handler.handle(Kind.PAY, body, ContentHmac.sign(body, SECRET), "application/json"))
                .isEqualTo(Answer.code(0));
        assertThat(book.booked.get("cloudpayments:504").amount()).isEqualByComparingTo("10.00");
        assertThat(book.booked.get("cloudpayments:504").testMode()).isFalse();
    }

    @Test
    void aRefundOfABookedPaymentIsBookedOnce() {
        send(Kind.PAY, pay("10.00"));
        String refund = "TransactionId=568&PaymentTransactionId=504&Amount=10.00&DateTime=2014-08-10+09%3A00%3A00"
                + "&OperationType=Refund&InvoiceId=1234567&AccountId=user_x";

        assertThat(send(Kind.REFUND, refund)).isEqualTo(Answer.code(0));
        assertThat(send(Kind.REFUND, refund)).isEqualTo(Answer.code(0));

        assertThat(book.refunds).containsOnlyKeys("cloudpayments:refund:568");
        var booked = book.refunds.get("cloudpayments:refund:568");
        assertThat(booked.providerPaymentId()).isEqualTo("504");
        assertThat(booked.currency()).isEqualTo("RUB");
        assertThat(booked.refundedAt()).isEqualTo(Instant.parse("2014-08-10T09:00:00Z"));
    }

    @Test
    void aFailIsAcknowledgedAndBooksNothing() {
        assertThat(send(Kind.FAIL, pay("10.00").replace("Status=Completed", "Status=Declined")))
                .isEqualTo(Answer.code(0));
        assertThat(book.booked).isEmpty();
    }

    @Test
    void aDisabledProviderTakesNothing() {
        settings.disable("cloudpayments");

        assertThat(send(Kind.PAY, pay("10.00")).httpStatus()).isEqualTo(503);
        assertThat(send(Kind.CHECK, pay("10.00"))).isEqualTo(Answer.code(13));
        assertThat(book.booked).isEmpty();
    }

    /** Confirm as CloudPayments sends it for a two-step payment: no Status, the Amount taken. */
    static String confirm(String amount) {
        return "TransactionId=504&Amount=" + amount + "&Currency=RUB&DateTime=2014-08-09+12%3A00%3A00"
                + "&CardFirstSix=424242&CardLastFour=4242&CardType=Visa&CardExpDate=01%2F15&TestMode=1"
                + "&InvoiceId=1234567&AccountId=user_x&Email=payer%40example.com";
    }

    @Test
    void anAuthorizedPayBooksNothingAndItsConfirmBooksItOnce() {
        String authorized = pay("10.00")
                .replace("Status=Completed", "Status=Authorized")
                .replace("DateTime=2014-08-09+11%3A49%3A42", "DateTime=2014-08-09+11%3A00%3A00");

        assertThat(send(Kind.PAY, authorized)).isEqualTo(Answer.code(0));
        assertThat(book.booked).isEmpty();

        assertThat(send(Kind.CONFIRM, confirm("10.00"))).isEqualTo(Answer.code(0));
        assertThat(send(Kind.CONFIRM, confirm("10.00"))).isEqualTo(Answer.code(0));
        assertThat(send(Kind.PAY, authorized)).isEqualTo(Answer.code(0));

        assertThat(book.booked).containsOnlyKeys("cloudpayments:504");
        var payment = book.booked.get("cloudpayments:504");
        assertThat(payment.amount()).isEqualByComparingTo("10.00");
        assertThat(payment.invoiceId()).isEqualTo(1234567L);
        assertThat(payment.contract()).isEqualTo("user_x");
        assertThat(payment.paidAt()).isEqualTo(Instant.parse("2014-08-09T12:00:00Z"));
    }

    @Test
    void aConfirmWithoutCurrencyIsInTheSitesCurrency() {
        assertThat(send(Kind.CONFIRM, confirm("10.00").replace("&Currency=RUB", "")))
                .isEqualTo(Answer.code(0));

        assertThat(book.booked.get("cloudpayments:504").currency()).isEqualTo("RUB");
    }

    @Test
    void aConfirmIsSignedLikeEveryNotification() {
        byte[] body = confirm("10.00").getBytes(StandardCharsets.UTF_8);

        assertThat(handler.handle(Kind.CONFIRM, body, ContentHmac.sign(body, "another-secret"), FORM)
                        .httpStatus())
                .isEqualTo(401);
        assertThat(handler.handle(Kind.CONFIRM, body, null, FORM).httpStatus()).isEqualTo(401);
        assertThat(book.booked).isEmpty();
    }

    @Test
    void aConfirmWhileBillingIsDownIsDeliveredAgainLater() {
        book.unavailable = true;

        assertThat(send(Kind.CONFIRM, confirm("10.00")).httpStatus()).isEqualTo(503);
        assertThat(book.booked).isEmpty();
    }

    @Test
    void aCancelledHoldBooksNothingAndAnswersZero() {
        String cancel = "TransactionId=504&Amount=10.00&DateTime=2014-08-09+12%3A00%3A00"
                + "&InvoiceId=1234567&AccountId=user_x&Email=payer%40example.com";

        assertThat(send(Kind.PAY, pay("10.00").replace("Status=Completed", "Status=Authorized")))
                .isEqualTo(Answer.code(0));
        assertThat(send(Kind.CANCEL, cancel)).isEqualTo(Answer.code(0));

        assertThat(book.booked).isEmpty();
        assertThat(book.refunds).isEmpty();
    }
}
