package io.lastmile.fiscal.provider.robokassa;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lastmile.fiscal.payment.Checkout;
import io.lastmile.fiscal.payment.ProviderPayment;
import io.lastmile.fiscal.provider.webhooktest.FakeBook;
import io.lastmile.fiscal.provider.webhooktest.FakeSettings;
import io.lastmile.fiscal.provider.webhooktest.Fixtures;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ResultURL notifications as Robokassa sends them (OutSum with its six decimals, InvId, the Shp_
 * parameters, SignatureValue over OutSum:InvId:Password2:Shp_...), the payment form, OpStateExt.
 * The expected digests were computed independently (Python's hashlib).
 */
class RobokassaResultTest {

    private final FakeBook book = new FakeBook();
    private final FakeSettings settings = new FakeSettings();
    private ResultHandler handler;

    @BeforeEach
    void setUp() {
        settings.set(
                "robokassa",
                false,
                Map.of("merchantLogin", "demo", "password1", "securepass1", "password2", "securepass2"));
        book.contracts.add("C-1001");
        book.invoices.put(450009L, Fixtures.invoice(450009L, "C-1001", "robokassa", "100.00", "RUB"));
        handler = new ResultHandler(
                settings,
                book,
                Fixtures.invoicesOf(book),
                Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC));
    }

    private static Map<String, String> result(String outSum, String signature) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("out_summ", outSum);
        params.put("OutSum", outSum);
        params.put("InvId", "450009");
        params.put("Fee", "3.900000");
        params.put("EMail", "payer@example.com");
        params.put("SignatureValue", signature);
        params.put("PaymentMethod", "BankCard");
        params.put("IncCurrLabel", "BankCardPSR");
        params.put("Shp_item", "1");
        params.put("Shp_account", "C-1001");
        return params;
    }

    private static final String VALID_MD5 = "5E367D1B303383F2006D963EF936953E"; // upper case, as Robokassa may send

    @Test
    void signaturesAreTheDocumentedDigests() {
        assertThat(RobokassaSignature.result("md5", "100.000000", "450009", "securepass2", result("x", "y")))
                .isEqualTo("5e367d1b303383f2006d963ef936953e");
        assertThat(RobokassaSignature.result("sha256", "100.000000", "450009", "securepass2", result("x", "y")))
                .isEqualTo("58d77f3342f9d0ddddaa643feadfb77ce14adc359639739f641532fe450ba967");
        assertThat(RobokassaSignature.form(
                        "md5", "demo", "100.00", "450009", "securepass1", Map.of("Shp_account", "C-1001")))
                .isEqualTo("5c902226eed5417df656f6ed8820ae4c");
        assertThat(RobokassaSignature.opState("md5", "demo", "450009", "securepass2"))
                .isEqualTo("b62da50cf5d185a2c92f84c4328d1419");
    }

    @Test
    void aValidResultIsBookedAndAnsweredOkInvId() {
        var answer = handler.handle(result("100.000000", VALID_MD5));

        assertThat(answer).isEqualTo(new ResultHandler.Answer(200, "OK450009"));
        var payment = book.booked.get("robokassa:450009");
        assertThat(payment.contract()).isEqualTo("C-1001");
        assertThat(payment.invoiceId()).isEqualTo(450009L);
        assertThat(payment.amount()).isEqualByComparingTo("100.00");
        assertThat(payment.currency()).isEqualTo("RUB");
        assertThat(payment.details()).containsEntry("PaymentMethod", "BankCard");
    }

    @Test
    void aReplayIsAnsweredOkAgainAndBookedOnce() {
        handler.handle(result("100.000000", VALID_MD5));
        assertThat(handler.handle(result("100.000000", VALID_MD5)).text()).isEqualTo("OK450009");
        assertThat(book.booked).hasSize(1);
    }

    @Test
    void aTamperedFieldOrAnotherPasswordIsBadSign() {
        Map<String, String> tampered = result("100.000000", VALID_MD5);
        tampered.put("Shp_account", "C-2002");
        assertThat(handler.handle(tampered)).isEqualTo(new ResultHandler.Answer(400, "bad sign"));
        assertThat(handler.handle(result("1000.000000", VALID_MD5)).text()).isEqualTo("bad sign");

        String other = RobokassaSignature.result("md5", "100.000000", "450009", "another", result("x", "y"));
        assertThat(handler.handle(result("100.000000", other)).text()).isEqualTo("bad sign");
        assertThat(book.booked).isEmpty();
    }

    @Test
    void aWrongAmountOrAnUnknownAccountIsNotConfirmed() {
        String sum = "99.000000";
        var wrongAmount = handler.handle(
                result(sum, RobokassaSignature.result("md5", sum, "450009", "securepass2", result(sum, ""))));
        assertThat(wrongAmount.text()).doesNotStartWith("OK");

        book.invoices.clear();
        Map<String, String> unknown = result("100.000000", "");
        unknown.put("Shp_account", "C-404");
        unknown.put("SignatureValue", RobokassaSignature.result("md5", "100.000000", "450009", "securepass2", unknown));
        assertThat(handler.handle(unknown).text()).doesNotStartWith("OK");

        assertThat(book.booked).isEmpty();
    }

    @Test
    void moreDecimalsThanRoublesHaveIsRefused() {
        String sum = "100.001000";
        var answer = handler.handle(
                result(sum, RobokassaSignature.result("md5", sum, "450009", "securepass2", result(sum, ""))));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(book.booked).isEmpty();
    }

    @Test
    void billingDownIsNoOkSoRobokassaNotifiesAgain() {
        book.unavailable = true;
        assertThat(handler.handle(result("100.000000", VALID_MD5)).status()).isEqualTo(503);
        book.unavailable = false;
        assertThat(handler.handle(result("100.000000", VALID_MD5)).text()).isEqualTo("OK450009");
        assertThat(book.booked).hasSize(1);
    }

    @Test
    void theFormIsSignedWithPasswordOneAndCarriesTheContract() {
        Checkout checkout = new RobokassaProvider()
                .checkout(book.invoices.get(450009L), settings.of("robokassa"), "https://cabinet.example/pay/done");

        assertThat(checkout.method()).isEqualTo("POST");
        assertThat(checkout.url()).isEqualTo("https://auth.robokassa.ru/Merchant/Index.aspx");
        assertThat(checkout.fields())
                .containsEntry("MerchantLogin", "demo")
                .containsEntry("OutSum", "100.00")
                .containsEntry("InvId", "450009")
                .containsEntry("Shp_account", "C-1001")
                .containsEntry("SignatureValue", "5c902226eed5417df656f6ed8820ae4c")
                .doesNotContainKey("IsTest");
    }

    @Test
    void opStateExtAsksSignedAndReadsTheState() throws Exception {
        AtomicReference<String> query = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/Merchant/WebService/Service.asmx/OpStateExt", exchange -> {
            query.set(exchange.getRequestURI().getQuery());
            byte[] xml = """
                    <?xml version="1.0" encoding="utf-8"?>
                    <OperationStateResponse xmlns="http://merchant.roboxchange.com/WebService/">
                      <Result><Code>0</Code></Result>
                      <State><Code>100</Code><RequestDate>2026-12-07T11:00:01.0+03:00</RequestDate>
                        <StateDate>2026-12-07T10:59:30.0+03:00</StateDate></State>
                      <Info><IncCurrLabel>BankCardPSR</IncCurrLabel><IncSum>100.000000</IncSum>
                        <PaymentMethod><Code>BankCard</Code><Description>Card</Description></PaymentMethod>
                        <OutCurrLabel>BankCardPSR</OutCurrLabel><OutSum>100.000000</OutSum><OpKey>ABC</OpKey></Info>
                    </OperationStateResponse>""".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, xml.length);
            exchange.getResponseBody().write(xml);
            exchange.close();
        });
        server.start();
        try {
            settings.set(
                    "robokassa",
                    false,
                    Map.of(
                            "merchantLogin", "demo",
                            "password1", "securepass1",
                            "password2", "securepass2",
                            "apiBaseUrl",
                                    "http://127.0.0.1:" + server.getAddress().getPort()
                                            + "/Merchant/WebService/Service.asmx"));

            ProviderPayment payment = new RobokassaProvider()
                    .status("450009", settings.of("robokassa"))
                    .orElseThrow();

            assertThat(query.get())
                    .isEqualTo("MerchantLogin=demo&InvoiceID=450009&Signature=b62da50cf5d185a2c92f84c4328d1419");
            assertThat(payment.status()).isEqualTo(ProviderPayment.Status.PAID);
            assertThat(payment.amount()).isEqualByComparingTo("100.00");
            assertThat(payment.invoiceId()).isEqualTo(450009L);
            assertThat(payment.paidAt()).isEqualTo(Instant.parse("2026-12-07T07:59:30Z"));
        } finally {
            server.stop(0);
        }
    }
}
