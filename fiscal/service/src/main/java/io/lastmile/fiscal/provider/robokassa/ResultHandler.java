package io.lastmile.fiscal.provider.robokassa;

import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.Invoice;
import io.lastmile.fiscal.payment.Invoices;
import io.lastmile.fiscal.payment.PaymentBook;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderSettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Robokassa's ResultURL: OutSum, InvId, SignatureValue (Password#2), the Shp_ parameters, IsTest.
 * The payment is confirmed only by the text {@code OK<InvId>}; anything else is not a
 * confirmation, and Robokassa notifies again, so "retry later" is simply no OK (a 503).
 */
@Component
class ResultHandler {

    private static final Logger log = LoggerFactory.getLogger(ResultHandler.class);

    private final ProviderSettings settings;
    private final PaymentBook book;
    private final Invoices invoices;
    private final Clock clock;

    ResultHandler(ProviderSettings settings, PaymentBook book, Invoices invoices, Clock clock) {
        this.settings = settings;
        this.book = book;
        this.invoices = invoices;
        this.clock = clock;
    }

    record Answer(int status, String text) {}

    Answer handle(Map<String, String> params) {
        ProviderConfig config = settings.of(RobokassaProvider.NAME);
        if (!config.enabled()) {
            return new Answer(503, "not enabled");
        }
        String outSum = params.get("OutSum");
        String invId = params.get("InvId");
        String signature = params.get("SignatureValue");
        if (outSum == null || invId == null || signature == null) {
            return new Answer(400, "bad request: OutSum, InvId and SignatureValue are required");
        }
        String expected = RobokassaSignature.result(
                config.value(RobokassaProvider.HASH_ALGORITHM).orElse("md5"),
                outSum,
                invId,
                config.require(RobokassaProvider.PASSWORD2),
                params);
        if (!RobokassaSignature.matches(expected, signature)) {
            log.warn("Robokassa ResultURL for InvId {} refused: bad sign", invId);
            return new Answer(400, "bad sign");
        }
        Long invoiceId = invId.matches("\\d{1,18}") ? Long.valueOf(invId) : null;
        Optional<Invoice> invoice = invoiceId == null ? Optional.empty() : invoices.get(invoiceId);
        String contract = Optional.ofNullable(shp(params, "Shp_account"))
                .or(() -> invoice.map(Invoice::contract))
                .orElse(null);
        if (contract == null) {
            log.warn("Robokassa InvId {} names no account and no invoice of ours", invId);
            return new Answer(400, "unknown invoice");
        }
        String currency = Optional.ofNullable(params.get("OutSumCurrency"))
                .or(() -> invoice.map(Invoice::currency))
                .orElse("RUB");
        BigDecimal amount;
        try {
            amount = amount(outSum, currency);
        } catch (IllegalArgumentException e) {
            return new Answer(400, "bad OutSum: " + e.getMessage());
        }
        Map<String, String> details = new LinkedHashMap<>();
        for (String field : new String[] {"PaymentMethod", "IncCurrLabel", "Fee"}) {
            if (params.get(field) != null) {
                details.put(field, params.get(field));
            }
        }
        IncomingPayment payment = new IncomingPayment(
                RobokassaProvider.NAME,
                invId,
                contract,
                invoiceId,
                amount,
                currency,
                clock.instant(),
                "1".equals(params.get("IsTest")) || config.testMode(),
                params.get("EMail"),
                null,
                details);
        BookingResult result = book.receive(payment);
        return switch (result.outcome()) {
            case BOOKED, DUPLICATE -> new Answer(200, "OK" + invId);
            case RETRY_LATER -> new Answer(503, "retry later");
            case UNKNOWN_ACCOUNT, MISMATCH, CONFLICT -> {
                log.warn("Robokassa InvId {} not booked ({}): {}", invId, result.outcome(), result.message());
                yield new Answer(400, "refused: " + result.outcome().name().toLowerCase());
            }
        };
    }

    /** Robokassa sends OutSum with trailing zeros (100.000000); more real decimals than the currency has is refused. */
    static BigDecimal amount(String outSum, String currency) {
        BigDecimal amount = new BigDecimal(outSum.trim());
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("must be positive");
        }
        BigDecimal exact = amount.stripTrailingZeros();
        if (exact.scale() > Math.max(digits, 0)) {
            throw new IllegalArgumentException(outSum + " has more decimals than " + currency);
        }
        return exact.scale() < 0 ? exact.setScale(0) : exact;
    }

    private static String shp(Map<String, String> params, String name) {
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)
                    && e.getValue() != null
                    && !e.getValue().isBlank()) {
                return e.getValue();
            }
        }
        return null;
    }
}
