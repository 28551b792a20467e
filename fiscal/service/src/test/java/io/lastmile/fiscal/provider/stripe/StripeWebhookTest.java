package io.lastmile.fiscal.provider.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.provider.webhooktest.FakeBook;
import io.lastmile.fiscal.provider.webhooktest.FakeSettings;
import io.lastmile.fiscal.provider.webhooktest.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stripe events as Stripe sends them, signed per its Stripe-Signature scheme. */
class StripeWebhookTest {

    private static final String SECRET = "whsec_test_secret";
    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    private final FakeBook book = new FakeBook();
    private final FakeSettings settings = new FakeSettings();
    private StripeWebhookHandler handler;

    @BeforeEach
    void setUp() {
        settings.set("stripe", false, Map.of("secretKey", "sk_test_x", "webhookSecret", SECRET));
        book.contracts.add("C-1001");
        book.invoices.put(42L, Fixtures.invoice(42L, "C-1001", "stripe", "1500.00", "RUB"));
        handler = new StripeWebhookHandler(settings, book, new StripeProvider(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static String session(long amountTotal) {
        return """
                {"id":"evt_1SessionCompleted","object":"event","type":"checkout.session.completed","livemode":false,
                 "created":1765094400,"data":{"object":{"id":"cs_test_a1","object":"checkout.session",
                 "amount_total":%d,"currency":"rub","client_reference_id":"42","payment_status":"paid",
                 "payment_intent":"pi_3Abc","metadata":{"invoice_id":"42","contract":"C-1001"},
                 "customer_details":{"email":"payer@example.com","phone":null},"created":1765094300}}}""".formatted(amountTotal);
    }

    static String intent(long amount) {
        return """
                {"id":"evt_2","object":"event","type":"payment_intent.succeeded","livemode":true,"created":1765094401,
                 "data":{"object":{"id":"pi_3Abc","object":"payment_intent","amount":%d,"amount_received":%d,
                 "currency":"rub","status":"succeeded","metadata":{"invoice_id":"42","contract":"C-1001"},
                 "created":1765094300}}}""".formatted(amount, amount);
    }

    private StripeWebhookHandler.Answer send(String json, long timestamp, String secret) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String header = "t=" + timestamp + ",v1=" + StripeSignature.sign(timestamp, body, secret) + ",v0=6ffbb59b2300";
        return handler.handle(body, header);
    }

    private StripeWebhookHandler.Answer send(String json) {
        return send(json, NOW.getEpochSecond(), SECRET);
    }

    @Test
    void signsTimestampDotBodyAsHexHmacSha256() {
        byte[] body = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
        // computed independently (Python's hmac) for t=1492774577, Stripe's documented example timestamp
        assertThat(StripeSignature.sign(1492774577L, body, SECRET))
                .isEqualTo("799c4ba7bb339f3c8601adfd112f0e477c930a268be1243d341abb8286501c2f");
        String header = "t=1492774577,v1=0000,v1=799c4ba7bb339f3c8601adfd112f0e477c930a268be1243d341abb8286501c2f";
        assertThat(StripeSignature.verify(
                        body, header, SECRET, Duration.ofSeconds(300), Instant.ofEpochSecond(1492774577L + 299)))
                .isEqualTo(StripeSignature.Verdict.VALID);
        assertThat(StripeSignature.verify(
                        body, header, SECRET, Duration.ofSeconds(300), Instant.ofEpochSecond(1492774577L + 301)))
                .isEqualTo(StripeSignature.Verdict.OUTSIDE_TOLERANCE);
        assertThat(StripeSignature.verify(body, "t=1492774577", SECRET, Duration.ofSeconds(300), NOW))
                .isEqualTo(StripeSignature.Verdict.NO_HEADER);
    }

    @Test
    void aCompletedCheckoutSessionBooksThePaymentIntent() {
        var answer = send(session(150000));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(book.booked).containsOnlyKeys("stripe:pi_3Abc");
        var payment = book.booked.get("stripe:pi_3Abc");
        assertThat(payment.amount()).isEqualByComparingTo("1500.00");
        assertThat(payment.currency()).isEqualTo("RUB");
        assertThat(payment.invoiceId()).isEqualTo(42L);
        assertThat(payment.contract()).isEqualTo("C-1001");
        assertThat(payment.testMode()).isTrue();
        assertThat(payment.customerEmail()).isEqualTo("payer@example.com");
    }

    @Test
    void theSessionAndTheIntentOfOnePaymentAndReplaysBookOnce() {
        assertThat(send(session(150000)).status()).isEqualTo(200);
        assertThat(send(intent(150000)).status()).isEqualTo(200);
        assertThat(send(session(150000)).status()).isEqualTo(200);

        assertThat(book.booked).hasSize(1);
    }

    @Test
    void aTamperedBodyAnotherSecretOrAnOldTimestampIsRefusedWith400() {
        byte[] signed = session(150000).getBytes(StandardCharsets.UTF_8);
        long t = NOW.getEpochSecond();
        String header = "t=" + t + ",v1=" + StripeSignature.sign(t, signed, SECRET);

        assertThat(handler.handle(session(1).getBytes(StandardCharsets.UTF_8), header)
                        .status())
                .isEqualTo(400);
        assertThat(send(session(150000), t, "whsec_another").status()).isEqualTo(400);
        assertThat(send(session(150000), t - 301, SECRET).status()).isEqualTo(400);
        assertThat(handler.handle(signed, null).status()).isEqualTo(400);
        assertThat(book.booked).isEmpty();
    }

    @Test
    void aWrongAmountOrAnUnknownAccountIsReceivedButNotBooked() {
        assertThat(send(session(149999)).status()).isEqualTo(200);
        assertThat(send(intent(150000).replace("\"invoice_id\":\"42\",", "").replace("C-1001", "C-404"))
                        .status())
                .isEqualTo(200);

        assertThat(book.booked).isEmpty();
    }

    @Test
    void billingDownIsA503SoStripeDeliversAgain() {
        book.unavailable = true;
        assertThat(send(session(150000)).status()).isEqualTo(503);
        book.unavailable = false;
        assertThat(send(session(150000)).status()).isEqualTo(200);
        assertThat(book.booked).hasSize(1);
    }

    @Test
    void anUnpaidSessionAndOtherEventsBookNothing() {
        assertThat(send(session(150000).replace("\"paid\"", "\"unpaid\"")).status())
                .isEqualTo(200);
        assertThat(send(session(150000).replace("checkout.session.completed", "customer.created"))
                        .status())
                .isEqualTo(200);
        assertThat(book.booked).isEmpty();
    }

    @Test
    void aRefundedChargeBooksEachRefundOnce() {
        send(session(150000));
        String refunded = """
                {"id":"evt_3","object":"event","type":"charge.refunded","livemode":false,"created":1765094500,
                 "data":{"object":{"id":"ch_3Abc","object":"charge","payment_intent":"pi_3Abc","amount":150000,
                 "amount_refunded":50000,"currency":"rub","refunds":{"object":"list","data":[
                 {"id":"re_1","object":"refund","amount":50000,"currency":"rub","status":"succeeded",
                  "created":1765094500}]}}}}""";

        assertThat(send(refunded).status()).isEqualTo(200);
        assertThat(send(refunded).status()).isEqualTo(200);

        assertThat(book.refunds).containsOnlyKeys("stripe:refund:re_1");
        assertThat(book.refunds.get("stripe:refund:re_1").amount()).isEqualByComparingTo("500.00");
        assertThat(book.refunds.get("stripe:refund:re_1").providerPaymentId()).isEqualTo("pi_3Abc");
    }

    @Test
    void amountsFollowStripesUnits() {
        assertThat(StripeAmounts.fromMinor(150000, "RUB")).isEqualByComparingTo("1500.00");
        assertThat(StripeAmounts.fromMinor(500, "JPY")).isEqualByComparingTo("500");
        assertThat(StripeAmounts.toMinor(new java.math.BigDecimal("12.34"), "USD"))
                .isEqualTo(1234L);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> StripeAmounts.toMinor(new java.math.BigDecimal("12.345"), "USD"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
