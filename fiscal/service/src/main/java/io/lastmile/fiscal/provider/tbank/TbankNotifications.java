package io.lastmile.fiscal.provider.tbank;

import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.IncomingRefund;
import io.lastmile.fiscal.payment.Invoice;
import io.lastmile.fiscal.payment.Invoices;
import io.lastmile.fiscal.payment.PaymentBook;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderSettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * T-Bank's notifications (POST JSON to NotificationURL): verified by {@code Token}, CONFIRMED
 * books the payment of the invoice named by {@code OrderId}, REFUNDED and PARTIAL_REFUNDED book a
 * refund. T-Bank takes the body {@code OK} as delivered and repeats any other answer.
 */
@Component
class TbankNotifications {

    private static final Logger log = LoggerFactory.getLogger(TbankNotifications.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProviderSettings settings;
    private final Invoices invoices;
    private final PaymentBook book;
    private final Clock clock;

    TbankNotifications(ProviderSettings settings, Invoices invoices, PaymentBook book, Optional<Clock> clock) {
        this.settings = settings;
        this.invoices = invoices;
        this.book = book;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    ResponseEntity<String> handle(byte[] body) {
        ProviderConfig config = settings.of(TbankProvider.NAME);
        if (!config.enabled()) {
            return answer(HttpStatus.SERVICE_UNAVAILABLE, "tbank is not enabled");
        }
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (JacksonException e) {
            return answer(HttpStatus.BAD_REQUEST, "not a JSON notification");
        }
        if (!n.isObject()
                || !config.require(TbankProvider.TERMINAL_KEY)
                        .equals(n.path("TerminalKey").asString(""))
                || !TbankToken.verify(n, config.require(TbankProvider.PASSWORD))) {
            log.warn("tbank: notification refused, TerminalKey or Token does not verify");
            return answer(HttpStatus.FORBIDDEN, "Token does not verify");
        }
        String status = n.path("Status").asString("");
        if (!n.path("Success").asBoolean(false)) {
            return ok();
        }
        return switch (status) {
            case "CONFIRMED" -> payment(n, config);
            case "REFUNDED", "PARTIAL_REFUNDED" -> refund(n);
            default -> ok();
        };
    }

    private ResponseEntity<String> payment(JsonNode n, ProviderConfig config) {
        String paymentId = n.path("PaymentId").asString("");
        Long invoiceId = invoiceId(n.path("OrderId").asString(""));
        BigDecimal amount = Kopecks.toRubles(n.path("Amount").asLong());
        Optional<Invoice> invoice = invoiceId == null ? Optional.empty() : invoices.get(invoiceId);
        if (paymentId.isEmpty() || invoice.isEmpty()) {
            log.error("tbank: payment {} names no invoice of ours (OrderId {})", paymentId, n.path("OrderId"));
            return answer(HttpStatus.UNPROCESSABLE_CONTENT, "unknown OrderId");
        }
        Invoice inv = invoice.get();
        if (!"RUB".equals(inv.currency()) || inv.amount().compareTo(amount) != 0) {
            log.error(
                    "tbank: payment {} of {} RUB does not match invoice {} ({} {})",
                    paymentId,
                    amount,
                    inv.id(),
                    inv.amount(),
                    inv.currency());
            return answer(HttpStatus.UNPROCESSABLE_CONTENT, "amount differs from the order's");
        }
        Map<String, String> details = new LinkedHashMap<>();
        putIfPresent(details, "pan", n.path("Pan").asString(null));
        putIfPresent(details, "cardId", n.path("CardId").asString(null));
        putIfPresent(details, "orderId", n.path("OrderId").asString(null));
        IncomingPayment payment = new IncomingPayment(
                TbankProvider.NAME,
                paymentId,
                inv.contract(),
                inv.id(),
                amount,
                "RUB",
                clock.instant(),
                config.testMode(),
                inv.customerEmail(),
                inv.customerPhone(),
                details);
        return answer(book.receive(payment));
    }

    private ResponseEntity<String> refund(JsonNode n) {
        String paymentId = n.path("PaymentId").asString("");
        long kopecks = n.path("Amount").asLong();
        if (paymentId.isEmpty() || kopecks <= 0) {
            return answer(HttpStatus.UNPROCESSABLE_CONTENT, "refund without PaymentId or Amount");
        }
        // T-Bank gives a refund no id of its own: the payment, the status and the amount name it.
        String refundId = paymentId + ":" + n.path("Status").asString() + ":" + kopecks;
        return answer(book.refund(new IncomingRefund(
                TbankProvider.NAME, paymentId, refundId, Kopecks.toRubles(kopecks), "RUB", clock.instant())));
    }

    private static ResponseEntity<String> answer(BookingResult result) {
        return switch (result.outcome()) {
            case BOOKED, DUPLICATE -> ok();
            case RETRY_LATER -> answer(HttpStatus.SERVICE_UNAVAILABLE, "try again later");
            case CONFLICT, MISMATCH, UNKNOWN_ACCOUNT -> {
                log.error("tbank: notification refused: {} {}", result.outcome(), result.message());
                yield answer(HttpStatus.UNPROCESSABLE_CONTENT, String.valueOf(result.outcome()));
            }
        };
    }

    static Long invoiceId(String orderId) {
        try {
            return Long.valueOf(orderId);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void putIfPresent(Map<String, String> details, String key, String value) {
        if (value != null && !value.isEmpty()) {
            details.put(key, value);
        }
    }

    private static ResponseEntity<String> ok() {
        return answer(HttpStatus.OK, "OK");
    }

    private static ResponseEntity<String> answer(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(body);
    }
}
