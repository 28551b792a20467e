package io.lastmile.fiscal.provider.yookassa;

import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.IncomingRefund;
import io.lastmile.fiscal.payment.Invoice;
import io.lastmile.fiscal.payment.Invoices;
import io.lastmile.fiscal.payment.PaymentBook;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderSettings;
import io.lastmile.fiscal.payment.ProviderUnavailableException;
import io.lastmile.fiscal.provider.SourceNetworks;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
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

/**
 * YooKassa's HTTP notifications. They carry no signature: only a source address in the configured
 * networks is heard, and nothing in the body is believed: the payment (or refund) is fetched from
 * the API with the shop's credentials and booked as the API reports it. YooKassa takes HTTP 200 as
 * delivered and repeats the notification otherwise.
 */
@Component
class YookassaNotifications {

    private static final Logger log = LoggerFactory.getLogger(YookassaNotifications.class);

    private final ProviderSettings settings;
    private final Invoices invoices;
    private final PaymentBook book;
    private final YookassaClient client;
    private final Clock clock;

    YookassaNotifications(
            ProviderSettings settings,
            Invoices invoices,
            PaymentBook book,
            YookassaProvider provider,
            Optional<Clock> clock) {
        this.settings = settings;
        this.invoices = invoices;
        this.book = book;
        this.client = provider.client();
        this.clock = clock.orElse(Clock.systemUTC());
    }

    ResponseEntity<String> handle(String remoteAddress, byte[] body) {
        ProviderConfig config = settings.of(YookassaProvider.NAME);
        if (!config.enabled()) {
            return answer(HttpStatus.SERVICE_UNAVAILABLE, "yookassa is not enabled");
        }
        SourceNetworks sources;
        try {
            sources = SourceNetworks.parse(
                    config.value(YookassaProvider.SOURCE_NETWORKS).orElse(SourceNetworks.YOOKASSA_PUBLISHED));
        } catch (IllegalArgumentException e) {
            log.error("yookassa: the sourceNetworks setting is wrong ({}); notifications wait", e.getMessage());
            return answer(HttpStatus.SERVICE_UNAVAILABLE, "sourceNetworks setting is wrong");
        }
        if (!sources.contains(remoteAddress)) {
            log.warn("yookassa: notification from {} refused, not a configured source network", remoteAddress);
            return answer(HttpStatus.FORBIDDEN, "not from a YooKassa network");
        }
        JsonNode n;
        try {
            n = YookassaClient.JSON.readTree(body);
        } catch (JacksonException e) {
            return answer(HttpStatus.BAD_REQUEST, "not a JSON notification");
        }
        String id = n.path("object").path("id").asString("");
        if (!"notification".equals(n.path("type").asString("")) || !id.matches("[A-Za-z0-9_-]{1,64}")) {
            return answer(HttpStatus.BAD_REQUEST, "not a notification");
        }
        try {
            return switch (n.path("event").asString("")) {
                case "payment.succeeded" -> payment(id, config);
                case "refund.succeeded" -> refund(id, config);
                default -> ok();
            };
        } catch (ProviderUnavailableException e) {
            log.warn("yookassa: {} could not be confirmed: {}", id, e.getMessage());
            return answer(HttpStatus.SERVICE_UNAVAILABLE, "try again later");
        }
    }

    private ResponseEntity<String> payment(String id, ProviderConfig config) {
        Optional<JsonNode> fetched = client.get("/payments/" + id, config);
        if (fetched.isEmpty()
                || !"succeeded".equals(fetched.get().path("status").asString(""))) {
            log.error("yookassa: notification says payment {} succeeded, the API does not", id);
            return answer(HttpStatus.UNPROCESSABLE_CONTENT, "the API does not report the payment succeeded");
        }
        JsonNode p = fetched.get();
        Long invoiceId =
                YookassaProvider.invoiceId(p.path("metadata").path("invoice_id").asString(""));
        Optional<Invoice> invoice = invoiceId == null ? Optional.empty() : invoices.get(invoiceId);
        if (invoice.isEmpty()) {
            log.error("yookassa: payment {} names no invoice of ours", id);
            return answer(HttpStatus.UNPROCESSABLE_CONTENT, "unknown invoice");
        }
        Invoice inv = invoice.get();
        BigDecimal amount = new BigDecimal(p.path("amount").path("value").asString("0"));
        String currency = p.path("amount").path("currency").asString("");
        if (!currency.equals(inv.currency()) || inv.amount().compareTo(amount) != 0) {
            log.error(
                    "yookassa: payment {} of {} {} does not match invoice {} ({} {})",
                    id,
                    amount,
                    currency,
                    inv.id(),
                    inv.amount(),
                    inv.currency());
            return answer(HttpStatus.UNPROCESSABLE_CONTENT, "amount differs from the invoice's");
        }
        Map<String, String> details = new LinkedHashMap<>();
        JsonNode method = p.path("payment_method");
        if (method.path("type").isString()) {
            details.put("method", method.path("type").asString());
        }
        if (method.path("card").path("last4").isString()) {
            details.put("card", "*" + method.path("card").path("last4").asString());
        }
        String captured = p.path("captured_at").asString(null);
        IncomingPayment payment = new IncomingPayment(
                YookassaProvider.NAME,
                id,
                inv.contract(),
                inv.id(),
                amount,
                currency,
                captured == null ? clock.instant() : Instant.parse(captured),
                config.testMode() || p.path("test").asBoolean(false),
                inv.customerEmail(),
                inv.customerPhone(),
                details);
        return answer(book.receive(payment));
    }

    private ResponseEntity<String> refund(String id, ProviderConfig config) {
        Optional<JsonNode> fetched = client.get("/refunds/" + id, config);
        if (fetched.isEmpty()
                || !"succeeded".equals(fetched.get().path("status").asString(""))) {
            log.error("yookassa: notification says refund {} succeeded, the API does not", id);
            return answer(HttpStatus.UNPROCESSABLE_CONTENT, "the API does not report the refund succeeded");
        }
        JsonNode r = fetched.get();
        String created = r.path("created_at").asString(null);
        return answer(book.refund(new IncomingRefund(
                YookassaProvider.NAME,
                r.path("payment_id").asString(),
                id,
                new BigDecimal(r.path("amount").path("value").asString("0")),
                r.path("amount").path("currency").asString(),
                created == null ? clock.instant() : Instant.parse(created))));
    }

    private static ResponseEntity<String> answer(BookingResult result) {
        return switch (result.outcome()) {
            case BOOKED, DUPLICATE -> ok();
            case RETRY_LATER -> answer(HttpStatus.SERVICE_UNAVAILABLE, "try again later");
            case CONFLICT, MISMATCH, UNKNOWN_ACCOUNT -> {
                log.error("yookassa: notification refused: {} {}", result.outcome(), result.message());
                yield answer(HttpStatus.UNPROCESSABLE_CONTENT, String.valueOf(result.outcome()));
            }
        };
    }

    private static ResponseEntity<String> ok() {
        return answer(HttpStatus.OK, "OK");
    }

    private static ResponseEntity<String> answer(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(body);
    }
}
