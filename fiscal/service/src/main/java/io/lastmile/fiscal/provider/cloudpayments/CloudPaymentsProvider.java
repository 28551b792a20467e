package io.lastmile.fiscal.provider.cloudpayments;

import io.lastmile.fiscal.payment.Checkout;
import io.lastmile.fiscal.payment.Invoice;
import io.lastmile.fiscal.payment.PaymentPages;
import io.lastmile.fiscal.payment.PaymentProvider;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderPayment;
import io.lastmile.fiscal.payment.ProviderSetting;
import io.lastmile.fiscal.payment.ProviderStatement;
import io.lastmile.fiscal.payment.ProviderUnavailableException;
import io.lastmile.fiscal.payment.StatusQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * CloudPayments: Check/Pay/Fail/Refund notifications ({@link CloudPaymentsController}), the
 * payment page as an order created through {@code /orders/create} (CloudPayments' own page at
 * the answer's {@code Url}), the status of a transaction ({@code /payments/get}) and the day's
 * transactions ({@code /payments/list}).
 */
@Component
class CloudPaymentsProvider implements PaymentProvider, PaymentPages, StatusQuery, ProviderStatement {

    static final String NAME = "cloudpayments";
    static final String PUBLIC_ID = "publicId";
    static final String API_SECRET = "apiSecret";
    static final String API_BASE_URL = "apiBaseUrl";
    static final String CURRENCY = "currency";

    private final CloudPaymentsApi api = new CloudPaymentsApi();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(
                ProviderSetting.required(PUBLIC_ID, "Public ID of the site (merchant cabinet, site settings)"),
                ProviderSetting.secret(
                        API_SECRET, "API Secret of the site: signs notifications (Content-HMAC) and API calls"),
                ProviderSetting.optional(API_BASE_URL, "API address, default " + CloudPaymentsApi.DEFAULT_BASE_URL),
                ProviderSetting.optional(CURRENCY, "currency of refunds whose notification names none, default RUB"));
    }

    @Override
    public Checkout checkout(Invoice invoice, ProviderConfig config, String returnUrl) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("Amount", invoice.amount());
        order.put("Currency", invoice.currency());
        order.put("Description", invoice.description() == null ? "Invoice " + invoice.id() : invoice.description());
        order.put("InvoiceId", String.valueOf(invoice.id()));
        order.put("AccountId", invoice.contract());
        order.put("RequireConfirmation", false);
        order.put("SendEmail", false);
        if (invoice.customerEmail() != null) {
            order.put("Email", invoice.customerEmail());
        }
        if (invoice.customerPhone() != null) {
            order.put("Phone", invoice.customerPhone());
        }
        if (returnUrl != null) {
            order.put("SuccessRedirectUrl", returnUrl);
            order.put("FailRedirectUrl", returnUrl);
        }
        JsonNode answer = api.call(config, "/orders/create", order);
        JsonNode model = answer.path("Model");
        if (!answer.path("Success").asBoolean(false)
                || model.path("Url").asString("").isBlank()) {
            throw new ProviderUnavailableException(
                    "CloudPayments refused the order: " + answer.path("Message").asString("no message"));
        }
        // the order's id is not a transaction id: the transaction is known from Pay
        return Checkout.redirect(model.path("Url").asString(), null);
    }

    @Override
    public Optional<ProviderPayment> status(String providerPaymentId, ProviderConfig config) {
        long transactionId;
        try {
            transactionId = Long.parseLong(providerPaymentId);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        JsonNode answer = api.call(config, "/payments/get", Map.of("TransactionId", transactionId));
        if (!answer.path("Success").asBoolean(false) || !answer.path("Model").isObject()) {
            return Optional.empty();
        }
        return Optional.of(payment(answer.path("Model")));
    }

    @Override
    public List<ProviderPayment> payments(LocalDate day, ZoneId zone, ProviderConfig config) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<ProviderPayment> payments = new ArrayList<>();
        // listed by UTC day: the operator's day spans at most two of them
        LocalDate utcDay = from.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate lastUtcDay = to.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
        for (LocalDate d = utcDay; !d.isAfter(lastUtcDay); d = d.plusDays(1)) {
            JsonNode answer = api.call(config, "/payments/list", Map.of("Date", d.toString(), "TimeZone", "UTC"));
            if (!answer.path("Success").asBoolean(false)) {
                throw new ProviderUnavailableException("CloudPayments refused the list of " + d + ": "
                        + answer.path("Message").asString(""));
            }
            for (JsonNode model : answer.path("Model")) {
                ProviderPayment payment = payment(model);
                Instant at = payment.paidAt();
                if (at != null && !at.isBefore(from) && at.isBefore(to)) {
                    payments.add(payment);
                }
            }
        }
        return payments;
    }

    static ProviderPayment payment(JsonNode model) {
        String invoice = model.path("InvoiceId").asString("");
        Long invoiceId = null;
        if (invoice.matches("\\d{1,18}")) {
            invoiceId = Long.valueOf(invoice);
        }
        String contract = model.path("AccountId").asString(null);
        Instant at = instant(model.path("ConfirmDateIso").asString(null));
        if (at == null) {
            at = instant(model.path("CreatedDateIso").asString(null));
        }
        return new ProviderPayment(
                model.path("TransactionId").asString(),
                invoiceId,
                contract == null || contract.isBlank() ? null : contract,
                new BigDecimal(model.path("Amount").asString("0")),
                model.path("Currency").asString(null),
                at,
                status(model.path("Status").asString(""), model.path("Refunded").asBoolean(false)));
    }

    static ProviderPayment.Status status(String status, boolean refunded) {
        return switch (status) {
            case "Completed" -> refunded ? ProviderPayment.Status.REFUNDED : ProviderPayment.Status.PAID;
            case "Authorized", "AwaitingAuthentication" -> ProviderPayment.Status.PENDING;
            case "Cancelled", "Declined" -> ProviderPayment.Status.FAILED;
            default -> ProviderPayment.Status.UNKNOWN;
        };
    }

    /** CloudPayments' ISO dates carry no offset; asked with TimeZone UTC they are UTC. */
    private static Instant instant(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(iso);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
