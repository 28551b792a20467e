package io.lastmile.fiscal.provider.osmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.fiscal.provider.webhooktest.FakeBook;
import io.lastmile.fiscal.provider.webhooktest.FakeSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OSMP's check and pay with the protocol's own example (txn_id 1234567, account 4957835959, sum
 * 10.45, txn_date 20050815120133) and its answers, element for element.
 */
class OsmpHandlerTest {

    private static final String TERMINALS = "79.142.16.1";
    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString("qiwi:osmp-pass".getBytes(StandardCharsets.UTF_8));

    private final FakeBook book = new FakeBook();
    private final FakeSettings settings = new FakeSettings();
    private final Map<String, String> values = new HashMap<>();
    private OsmpHandler handler;

    @BeforeEach
    void setUp() {
        book.contracts.add("4957835959");
        values.put("login", "qiwi");
        values.put("password", "osmp-pass");
        configure(false);
        handler = new OsmpHandler(settings, book, Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC));
    }

    private void configure(boolean testMode) {
        settings.set("osmp", testMode, values);
    }

    private OsmpAnswer send(String query) {
        return send(TERMINALS, BASIC, query);
    }

    private OsmpAnswer send(String from, String authorization, String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return handler.handle(from, authorization, params);
    }

    static String pay(String txnId, String account, String sum) {
        return "command=pay&txn_id=" + txnId + "&txn_date=20050815120133&account=" + account + "&sum=" + sum;
    }

    @Test
    void checkOfAKnownAccountAnswersZeroAndBooksNothing() {
        OsmpAnswer answer = send("command=check&txn_id=1234567&account=4957835959&sum=10.45");

        assertThat(answer.httpStatus()).isEqualTo(200);
        assertThat(answer.xml())
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n"
                        + "<osmp_txn_id>1234567</osmp_txn_id>\n<result>0</result>\n<comment>OK</comment>\n"
                        + "</response>\n");
        assertThat(book.checks).hasSize(1);
        assertThat(book.checks.getFirst().amount()).isEqualByComparingTo("10.45");
        assertThat(book.booked).isEmpty();
    }

    @Test
    void payBooksOnceAndAnswersPrvTxnAndTheSumWithTwoDecimals() {
        OsmpAnswer answer = send(pay("1234567", "4957835959", "10.45"));

        assertThat(answer.xml())
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n"
                        + "<osmp_txn_id>1234567</osmp_txn_id>\n<prv_txn>1</prv_txn>\n<sum>10.45</sum>\n"
                        + "<result>0</result>\n<comment>OK</comment>\n</response>\n");
        var payment = book.booked.get("osmp:1234567");
        assertThat(payment.contract()).isEqualTo("4957835959");
        assertThat(payment.invoiceId()).isNull();
        assertThat(payment.amount()).isEqualByComparingTo("10.45");
        assertThat(payment.currency()).isEqualTo("RUB");
        // 2005-08-15 12:01:33 in Moscow, then UTC+4 (summer time)
        assertThat(payment.paidAt()).isEqualTo(Instant.parse("2005-08-15T08:01:33Z"));
        assertThat(payment.testMode()).isFalse();
    }

    @Test
    void aWholeSumIsAnsweredWithTwoDecimals() {
        assertThat(send(pay("1", "4957835959", "100")).xml()).contains("<sum>100.00</sum>");
    }

    @Test
    void aRepeatedPayAnswersTheSamePrvTxnAndBooksNothingMore() {
        send(pay("1000", "4957835959", "5.00"));
        OsmpAnswer first = send(pay("1234567", "4957835959", "10.45"));
        OsmpAnswer again = send(pay("1234567", "4957835959", "10.45"));

        assertThat(first.prvTxn()).isEqualTo(2L);
        assertThat(again.xml()).isEqualTo(first.xml());
        assertThat(book.booked).hasSize(2);
    }

    @Test
    void aPayRepeatedWithAnotherSumIsAFatalError() {
        send(pay("1234567", "4957835959", "10.45"));
        OsmpAnswer other = send(pay("1234567", "4957835959", "11.45"));

        assertThat(other.result()).isEqualTo(OsmpResult.OTHER);
        assertThat(other.xml()).doesNotContain("prv_txn");
        assertThat(book.booked.get("osmp:1234567").amount()).isEqualByComparingTo("10.45");
    }

    @Test
    void anUnknownAccountAnswersFive() {
        assertThat(send("command=check&txn_id=1&account=4957000000&sum=10.45").result())
                .isEqualTo(OsmpResult.ACCOUNT_NOT_FOUND);
        OsmpAnswer pay = send(pay("2", "4957000000", "10.45"));
        assertThat(pay.xml()).contains("<result>5</result>").doesNotContain("prv_txn");
        assertThat(book.booked).isEmpty();
    }

    @Test
    void anAccountOfTheWrongFormatAnswersFourWithoutAskingBilling() {
        values.put("accountPattern", "\\d{10}");
        configure(false);

        assertThat(send("command=check&txn_id=1&account=49578&sum=10.45").result())
                .isEqualTo(OsmpResult.BAD_ACCOUNT_FORMAT);
        assertThat(send("command=check&txn_id=1&sum=10.45").result()).isEqualTo(OsmpResult.BAD_ACCOUNT_FORMAT);
        assertThat(book.checks).isEmpty();
    }

    @Test
    void aSumNotInOsmpsFormatIsRefusedNeverRounded() {
        for (String sum : new String[] {"10.455", "10,45", "-10.45", "1e3", "", "10."}) {
            OsmpAnswer answer = send(pay("3", "4957835959", sum));
            assertThat(answer.result()).as(sum).isEqualTo(OsmpResult.OTHER);
        }
        assertThat(send("command=pay&txn_id=3&txn_date=20050815120133&account=4957835959")
                        .result())
                .isEqualTo(OsmpResult.OTHER);
        assertThat(book.booked).isEmpty();
        assertThat(book.checks).isEmpty();
    }

    @Test
    void sumsOutsideTheLimitsAnswer241And242() {
        values.put("minSum", "1.00");
        values.put("maxSum", "15000.00");
        configure(false);

        assertThat(send(pay("4", "4957835959", "0.99")).result()).isEqualTo(OsmpResult.SUM_TOO_SMALL);
        assertThat(send("command=check&txn_id=5&account=4957835959&sum=15000.01")
                        .result())
                .isEqualTo(OsmpResult.SUM_TOO_LARGE);
        assertThat(send(pay("6", "4957835959", "0.00")).xml()).contains("<result>241</result>");
        assertThat(book.booked).isEmpty();
        assertThat(send(pay("7", "4957835959", "15000.00")).result()).isEqualTo(OsmpResult.OK);
        assertThat(send(pay("8", "4957835959", "1")).result()).isEqualTo(OsmpResult.OK);
    }

    @Test
    void aRequestFromOutsideTheNetworksIsRefusedWithoutAnswering() {
        OsmpAnswer answer = send("10.1.2.3", BASIC, pay("9", "4957835959", "10.45"));

        assertThat(answer.httpStatus()).isEqualTo(403);
        assertThat(answer.result()).isNull();
        assertThat(book.booked).isEmpty();

        values.put("sourceNetworks", "10.0.0.0/8");
        configure(false);
        assertThat(send("10.1.2.3", BASIC, pay("9", "4957835959", "10.45")).result())
                .isEqualTo(OsmpResult.OK);
        assertThat(send(TERMINALS, BASIC, pay("10", "4957835959", "10.45")).httpStatus())
                .isEqualTo(403);
    }

    @Test
    void wrongOrMissingBasicCredentialsAreRefused() {
        String wrong = "Basic " + Base64.getEncoder().encodeToString("qiwi:guess".getBytes(StandardCharsets.UTF_8));
        for (String authorization : new String[] {null, wrong, "Bearer x", "Basic !!!", BASIC.toLowerCase()}) {
            OsmpAnswer answer = send(TERMINALS, authorization, pay("11", "4957835959", "10.45"));
            assertThat(answer.httpStatus()).as(authorization).isEqualTo(401);
            assertThat(answer.comment()).doesNotContain("osmp-pass");
        }
        assertThat(book.booked).isEmpty();
        assertThat(send(TERMINALS, "basic " + BASIC.substring(6), pay("11", "4957835959", "10.45"))
                        .result())
                .isEqualTo(OsmpResult.OK);
    }

    @Test
    void withoutALoginNoCredentialsAreAsked() {
        values.remove("login");
        values.remove("password");
        configure(false);

        assertThat(send(TERMINALS, null, pay("12", "4957835959", "10.45")).result())
                .isEqualTo(OsmpResult.OK);
    }

    @Test
    void whileBillingIsDownCheckAndPayAnswerOneTheOnlyCodeRetried() {
        book.unavailable = true;

        assertThat(send("command=check&txn_id=13&account=4957835959&sum=10.45").result())
                .isEqualTo(OsmpResult.TEMPORARY);
        assertThat(send(pay("13", "4957835959", "10.45")).xml())
                .contains("<result>1</result>")
                .doesNotContain("prv_txn");
        assertThat(book.booked).isEmpty();

        book.unavailable = false;
        assertThat(send(pay("13", "4957835959", "10.45")).result()).isEqualTo(OsmpResult.OK);
    }

    @Test
    void aWrongTxnDateOrTxnIdOrCommandIsAFatalError() {
        assertThat(send("command=pay&txn_id=14&txn_date=20050230120133&account=4957835959&sum=1")
                        .result())
                .isEqualTo(OsmpResult.OTHER);
        assertThat(send("command=pay&txn_id=14&txn_date=2005-08-15&account=4957835959&sum=1")
                        .result())
                .isEqualTo(OsmpResult.OTHER);
        assertThat(send("command=pay&txn_id=14&account=4957835959&sum=1").result())
                .isEqualTo(OsmpResult.OTHER);
        assertThat(send(pay("abc", "4957835959", "1")).result()).isEqualTo(OsmpResult.OTHER);
        assertThat(send(pay("123456789012345678901", "4957835959", "1")).result())
                .isEqualTo(OsmpResult.OTHER);
        assertThat(send("command=status&txn_id=14&account=4957835959&sum=1").result())
                .isEqualTo(OsmpResult.OTHER);
        assertThat(book.booked).isEmpty();
    }

    @Test
    void aDisabledProviderRefusesChecksAndHoldsPaysBack() {
        settings.disable("osmp");

        assertThat(send("command=check&txn_id=15&account=4957835959&sum=1").result())
                .isEqualTo(OsmpResult.REFUSED);
        assertThat(send(pay("15", "4957835959", "1")).result()).isEqualTo(OsmpResult.TEMPORARY);
        assertThat(book.booked).isEmpty();
    }

    @Test
    void aWrongSettingHoldsRequestsBackWithOne() {
        values.put("minSum", "one rouble");
        configure(false);

        assertThat(send(pay("16", "4957835959", "1")).result()).isEqualTo(OsmpResult.TEMPORARY);
        assertThat(book.booked).isEmpty();
    }

    @Test
    void inTestModePaymentsAreBookedAsTestPayments() {
        configure(true);

        send(pay("17", "4957835959", "1"));

        assertThat(book.booked.get("osmp:17").testMode()).isTrue();
    }

    @Test
    void theCommentIsEscapedInTheXml() {
        assertThat(new OsmpAnswer(200, "1", null, null, OsmpResult.OTHER, "a<b & \"c\"").xml())
                .contains("<comment>a&lt;b &amp; &quot;c&quot;</comment>");
    }
}
