package io.lastmile.fiscal.provider.sberbank;

import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.IncomingRefund;
import io.lastmile.fiscal.payment.Invoice;
import io.lastmile.fiscal.payment.Invoices;
import io.lastmile.fiscal.payment.PaymentBook;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderPayment;
import io.lastmile.fiscal.payment.ProviderSettings;
import io.lastmile.fiscal.payment.ProviderUnavailableException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Sberbank's callbacks ({@code mdOrder}, {@code orderNumber}, {@code operation}, {@code status},
 * {@code amount} when the merchant has it on, {@code checksum}): {@code deposited} with status 1
 * books the payment of the invoice named by {@code orderNumber}, {@code refunded} with status 1 a
 * refund. The gateway takes HTTP 200 as delivered and repeats the callback otherwise.
 */
@Component
class SberbankCallbacks {

    private static final Logger log = LoggerFactory.getLogger(SberbankCallbacks.class);

    private final ProviderSettings settings;
    private final Invoices invoices;
    private final PaymentBook book;
    private final SberbankProvider provider;
    private final Clock clock;

    SberbankCallbacks(
            ProviderSettings settings,
            Invoices invoices,
            PaymentBook book,
            SberbankProvider provider,
            Optional<Clock> clock) {
        this.settings = settings;
        this.invoices = invoices;
        this.book = book;
        this.provider = provider;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    ResponseEntity<String> handle(Map<String, String> params) {
        ProviderConfig config = settings.of(SberbankProvider.NAME);
        if (!config.enabled()) {
            return answer(HttpStatus.SERVICE_UNAVAILABLE, "sberbank is not enabled");
        }
        if (!SberbankChecksum.verify(params, config.require(SberbankProvider.CALLBACK_KEY))) {
            log.warn("sberbank: callback refused, checksum does not verify");
            return answer(HttpStatus.FORBIDDEN, "checksum does not verify");
        }
        if (!"1".equals(params.get("status"))) {
            return ok();
        }
        return switch (params.getOrDefault("operation", "")) {
            case "deposited" -> payment(params, config);
            case "refunded" -> refund(params);
            default -> ok();
        };
    }

    private ResponseEntity<String> payment(Map<String, String> params, ProviderConfig config) {
        String mdOrder = params.getOrDefault("mdOrder", "");
        Long invoiceId = SberbankProvider.invoiceId(params.getOrDefault("orderNumber", ""));
        Optional<Invoice> invoice = invoiceId == null ? Optional.empty() : invoices.get(invoiceId);
        if (mdOrder.isEmpty() || invoice.isEmpty()) {
            log.error(
                    "sberbank: order {} names no invoice of ours (orderNumber {})", mdOrder, params.get("orderNumber"));
            return answer(HttpStatus.UNPROCESSABLE_CONTENT, "unknown orderNumber");
        }
        Invoice inv = invoice.get();
        BigDecimal amount;
        String currency;
        if (params.containsKey("amount")) {
            Optional<BigDecimal> given = minor(params.get("amount"));
            if (given.isEmpty()) {
                return answer(HttpStatus.BAD_REQUEST, "amount is not a number of kopecks");
            }
            amount = given.get();
            currency = inv.currency();
        } else {
            // the callback carries no amount unless the merchant asked for it: ask the gateway
            Optional<ProviderPayment> status;
            try {
                status = provider.status(mdOrder, config);
            } catch (ProviderUnavailableException e) {
                log.warn("sberbank: order {} could not be re-queried: {}", mdOrder, e.getMessage());
                return answer(HttpStatus.SERVICE_UNAVAILABLE, "try again later");
            }
            if (status.isEmpty() || status.get().status() != ProviderPayment.Status.PAID) {
                return answer(HttpStatus.UNPROCESSABLE_CONTENT, "the gateway does not report the order paid");
            }
            amount = status.get().amount();
            currency = status.get().currency();
        }
        if (!currency.equals(inv.currency()) || inv.amount().compareTo(amount) != 0) {
            log.error(
                    "sberbank: order {} of {} {} does not match invoice {} ({} {})",
                    mdOrder,
                    amount,
                    currency,
                    inv.id(),
                    inv.amount(),
                    inv.currency());
            return answer(HttpStatus.UNPROCESSABLE_CONTENT, "amount differs from the order's");
        }
        IncomingPayment payment = new IncomingPayment(
                SberbankProvider.NAME,
                mdOrder,
                inv.contract(),
                inv.id(),
                amount,
                currency,
                clock.instant(),
                config.testMode(),
                inv.customerEmail(),
                inv.customerPhone(),
                Map.of("orderNumber", params.get("orderNumber")));
        return answer(book.receive(payment));
    }

    private ResponseEntity<String> refund(Map<String, String> params) {
        String mdOrder = params.getOrDefault("mdOrder", "");
        Optional<BigDecimal> amount = minor(params.get("amount"));
        if (mdOrder.isEmpty() || amount.isEmpty()) {
            log.error("sberbank: refund of order {} came without its amount; turn amounts on in callbacks", mdOrder);
            return answer(HttpStatus.UNPROCESSABLE_CONTENT, "refund without mdOrder or amount");
        }
        // the gateway gives a refund no id of its own: the order and the refunded amount name it
        String refundId = mdOrder + ":refunded:" + params.get("amount");
        Invoice inv = SberbankProvider.invoiceId(params.getOrDefault("orderNumber", "")) instanceof Long id
                ? invoices.get(id).orElse(null)
                : null;
        String currency = inv == null ? "RUB" : inv.currency();
        return answer(book.refund(
                new IncomingRefund(SberbankProvider.NAME, mdOrder, refundId, amount.get(), currency, clock.instant())));
    }

    private static Optional<BigDecimal> minor(String value) {
        try {
            long minor = Long.parseLong(value);
            return minor > 0 ? Optional.of(SberbankMoney.toUnits(minor)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ResponseEntity<String> answer(BookingResult result) {
        return switch (result.outcome()) {
            case BOOKED, DUPLICATE -> ok();
            case RETRY_LATER -> answer(HttpStatus.SERVICE_UNAVAILABLE, "try again later");
            case CONFLICT, MISMATCH, UNKNOWN_ACCOUNT -> {
                log.error("sberbank: callback refused: {} {}", result.outcome(), result.message());
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
