package io.lastmile.fiscal.provider.webhooktest;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.FakeBilling;
import io.lastmile.fiscal.FiscalApplication;
import io.lastmile.fiscal.TestPeers;
import io.lastmile.testkit.PostgresExtension;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The three adapters behind the real core: settings PUT through the API, invoices in PostgreSQL,
 * billing a local server, notifications over HTTP signed here (independently of the adapters'
 * code) as each provider signs them; asserted on the payment rows.
 */
@ExtendWith(PostgresExtension.class)
@SpringBootTest(
        classes = FiscalApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1"})
@Import(TestPeers.class)
class PaymentWebhooksIT {

    static final FakeBilling BILLING = start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresExtension.datasource(registry);
        registry.add("lastmile.fiscal.billing.url", BILLING::url);
    }

    private static FakeBilling start() {
        try {
            return new FakeBilling();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        BILLING.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    DSLContext db;

    private HttpResponse<String> send(String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void configure(String provider, String settingsJson) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/providers/" + provider))
                        .header("Authorization", "Bearer " + TestPeers.TOKENS.admin())
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"enabled\":true,\"testMode\":false,\"settings\":" + settingsJson + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain("secret-value");
    }

    private long invoice(long account, String contract, String provider, String amount) {
        return ((Number) db.fetchValue(
                        "insert into invoice (account_id, contract, provider, amount, currency, status, description,"
                                + " created_at, expires_at) values (?, ?, ?, ?, 'RUB', 'OPEN', 'Internet', now(),"
                                + " now() + interval '1 day') returning id",
                        account,
                        contract,
                        provider,
                        new BigDecimal(amount)))
                .longValue();
    }

    private long payments(String provider, String id) {
        return ((Number) db.fetchValue(
                        "select count(*) from payment where provider = ? and provider_payment_id = ?", provider, id))
                .longValue();
    }

    private static byte[] hmac(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Content-HMAC signs the bytes as sent. A form encoded otherwise than Java would encode it
     * again (a raw ':', '%20' for a space, lower-case hex) must verify all the same: the body may
     * not be rebuilt from its parameters before the check.
     */
    @Test
    void cloudPaymentsSignatureIsCheckedOverTheBytesAsSent() throws Exception {
        configure("cloudpayments", "{\"publicId\":\"pk_1\",\"apiSecret\":\"cp-secret-value\"}");
        BILLING.add(502, "CP-502", "RUB");
        String body = "TransactionId=900601&Amount=15.50&Currency=RUB&DateTime=2026-12-07%2008:00:00"
                + "&CardExpDate=12%2f30&Status=Completed&OperationType=Payment&AccountId=CP-502";
        String signature = Base64.getEncoder().encodeToString(hmac("cp-secret-value", body));

        HttpResponse<String> pay =
                send("/pay/cloudpayments/pay", "application/x-www-form-urlencoded", body, "Content-HMAC", signature);

        assertThat(pay.statusCode()).isEqualTo(200);
        assertThat(pay.body()).isEqualTo("{\"code\":0}");
        assertThat(payments("cloudpayments", "900601")).isEqualTo(1);
    }

    @Test
    void cloudPaymentsPayIsBookedOnceEvenDelivered50TimesInParallel() throws Exception {
        configure("cloudpayments", "{\"publicId\":\"pk_1\",\"apiSecret\":\"cp-secret-value\"}");
        BILLING.add(501, "CP-501", "RUB");
        long invoice = invoice(501, "CP-501", "cloudpayments", "10.00");
        String body = "TransactionId=900504&Amount=10.00&Currency=RUB&DateTime=2026-12-07+08%3A00%3A00"
                + "&Status=Completed&OperationType=Payment&InvoiceId=" + invoice + "&AccountId=CP-501";
        String signature = Base64.getEncoder().encodeToString(hmac("cp-secret-value", body));

        HttpResponse<String> check =
                send("/pay/cloudpayments/check", "application/x-www-form-urlencoded", body, "Content-HMAC", signature);
        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.body()).isEqualTo("{\"code\":0}");
        assertThat(payments("cloudpayments", "900504")).isZero();

        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(pool.submit(() -> send(
                    "/pay/cloudpayments/pay", "application/x-www-form-urlencoded", body, "Content-HMAC", signature)));
        }
        for (Future<HttpResponse<String>> answer : answers) {
            assertThat(answer.get().body()).isEqualTo("{\"code\":0}");
        }
        pool.shutdown();
        assertThat(payments("cloudpayments", "900504")).isEqualTo(1);

        HttpResponse<String> tampered = send(
                "/pay/cloudpayments/pay",
                "application/x-www-form-urlencoded",
                body.replace("900504", "900505"),
                "Content-HMAC",
                signature);
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(payments("cloudpayments", "900505")).isZero();

        // the paid invoice is no longer open (13); a fresh one with another amount is 12
        assertThat(send(
                                "/pay/cloudpayments/check",
                                "application/x-www-form-urlencoded",
                                body,
                                "Content-HMAC",
                                signature)
                        .body())
                .isEqualTo("{\"code\":13}");
        long fresh = invoice(501, "CP-501", "cloudpayments", "10.00");
        String wrongAmount = body.replace("900504", "900506")
                .replace("InvoiceId=" + invoice, "InvoiceId=" + fresh)
                .replace("Amount=10.00", "Amount=1.00");
        HttpResponse<String> refused = send(
                "/pay/cloudpayments/check",
                "application/x-www-form-urlencoded",
                wrongAmount,
                "Content-HMAC",
                Base64.getEncoder().encodeToString(hmac("cp-secret-value", wrongAmount)));
        assertThat(refused.body()).isEqualTo("{\"code\":12}");
    }

    @Test
    void robokassaResultIsAnsweredOkInvIdAndBookedOnce() throws Exception {
        configure(
                "robokassa",
                "{\"merchantLogin\":\"shop\",\"password1\":\"p1-secret-value\","
                        + "\"password2\":\"p2-secret-value\"}");
        BILLING.add(502, "RK-502", "RUB");
        long invoice = invoice(502, "RK-502", "robokassa", "250.00");
        String md5 = HexFormat.of()
                .formatHex(MessageDigest.getInstance("MD5")
                        .digest(("250.000000:" + invoice + ":p2-secret-value:Shp_account=RK-502")
                                .getBytes(StandardCharsets.UTF_8)));
        String body = "OutSum=250.000000&InvId=" + invoice + "&SignatureValue=" + md5.toUpperCase()
                + "&Shp_account=RK-502&IsTest=1";

        HttpResponse<String> first = send("/pay/robokassa/result", "application/x-www-form-urlencoded", body);
        HttpResponse<String> again = send("/pay/robokassa/result", "application/x-www-form-urlencoded", body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("OK" + invoice);
        assertThat(again.body()).isEqualTo("OK" + invoice);
        assertThat(payments("robokassa", String.valueOf(invoice))).isEqualTo(1);

        HttpResponse<String> forged = send(
                "/pay/robokassa/result",
                "application/x-www-form-urlencoded",
                body.replace("Shp_account=RK-502", "Shp_account=RK-999"));
        assertThat(forged.body()).isEqualTo("bad sign");
    }

    @Test
    void cloudPaymentsTwoStepPaymentIsBookedOnceOnConfirmAndACancelBooksNothing() throws Exception {
        configure("cloudpayments", "{\"publicId\":\"pk_1\",\"apiSecret\":\"cp-secret-value\"}");
        BILLING.add(506, "CP-506", "RUB");
        long invoice = invoice(506, "CP-506", "cloudpayments", "300.00");
        String authorized = "TransactionId=900506&Amount=300.00&Currency=RUB&DateTime=2026-12-07+08%3A00%3A00"
                + "&Status=Authorized&OperationType=Payment&InvoiceId=" + invoice + "&AccountId=CP-506";
        String confirm = "TransactionId=900506&Amount=300.00&Currency=RUB&DateTime=2026-12-07+09%3A00%3A00"
                + "&InvoiceId=" + invoice + "&AccountId=CP-506";

        HttpResponse<String> held = cloudPayments("/pay/cloudpayments/pay", authorized);
        assertThat(held.body()).isEqualTo("{\"code\":0}");
        assertThat(payments("cloudpayments", "900506")).isZero();

        HttpResponse<String> confirmed = cloudPayments("/pay/cloudpayments/confirm", confirm);
        HttpResponse<String> replayed = cloudPayments("/pay/cloudpayments/confirm", confirm);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).isEqualTo("{\"code\":0}");
        assertThat(replayed.body()).isEqualTo("{\"code\":0}");
        assertThat(payments("cloudpayments", "900506")).isEqualTo(1);
        assertThat(db.fetchValue("select status from invoice where id = ?", invoice))
                .isEqualTo("PAID");
        assertThat(db.fetchValue("select count(*) from billing_outbox o join payment p on p.id = o.payment_id"
                        + " where p.provider = 'cloudpayments' and p.provider_payment_id = '900506'"))
                .isEqualTo(1L);

        String cancel = "TransactionId=900507&Amount=300.00&DateTime=2026-12-07+09%3A00%3A00&AccountId=CP-506";
        assertThat(cloudPayments("/pay/cloudpayments/pay", authorized.replace("900506", "900507"))
                        .body())
                .isEqualTo("{\"code\":0}");
        assertThat(cloudPayments("/pay/cloudpayments/cancel", cancel).body()).isEqualTo("{\"code\":0}");
        assertThat(payments("cloudpayments", "900507")).isZero();

        HttpResponse<String> unsigned = send(
                "/pay/cloudpayments/confirm",
                "application/x-www-form-urlencoded",
                confirm.replace("900506", "900508"),
                "Content-HMAC",
                "AAAA");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(payments("cloudpayments", "900508")).isZero();
    }

    private HttpResponse<String> cloudPayments(String path, String body) throws Exception {
        String signature = Base64.getEncoder().encodeToString(hmac("cp-secret-value", body));
        return send(path, "application/x-www-form-urlencoded", body, "Content-HMAC", signature);
    }

    @Test
    void stripeCheckoutSessionIsBookedOnceAndAnOldSignatureRefused() throws Exception {
        configure("stripe", "{\"secretKey\":\"sk_test_secret-value\",\"webhookSecret\":\"whsec_secret-value\"}");
        BILLING.add(503, "ST-503", "RUB");
        long invoice = invoice(503, "ST-503", "stripe", "1500.00");
        String event = ("{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"checkout.session.completed\","
                        + "\"livemode\":false,\"data\":{\"object\":{\"id\":\"cs_test_1\",\"amount_total\":150000,"
                        + "\"currency\":\"rub\",\"client_reference_id\":\"%d\",\"payment_status\":\"paid\","
                        + "\"payment_intent\":\"pi_it_503\",\"metadata\":{\"invoice_id\":\"%d\",\"contract\":\"ST-503\"},"
                        + "\"created\":1765094300}}}")
                .formatted(invoice, invoice);
        long t = Instant.now().getEpochSecond();
        String header = "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac("whsec_secret-value", t + "." + event));

        HttpResponse<String> first = send("/pay/stripe", "application/json", event, "Stripe-Signature", header);
        HttpResponse<String> again = send("/pay/stripe", "application/json", event, "Stripe-Signature", header);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(payments("stripe", "pi_it_503")).isEqualTo(1);

        long old = t - 3600;
        String other = event.replace("pi_it_503", "pi_it_504");
        String oldHeader =
                "t=" + old + ",v1=" + HexFormat.of().formatHex(hmac("whsec_secret-value", old + "." + other));
        HttpResponse<String> expired = send("/pay/stripe", "application/json", other, "Stripe-Signature", oldHeader);
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(payments("stripe", "pi_it_504")).isZero();
    }
}
