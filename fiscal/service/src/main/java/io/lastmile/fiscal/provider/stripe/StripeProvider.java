package io.lastmile.fiscal.provider.stripe;

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Stripe: webhooks ({@link StripeController}), the payment page as a Checkout Session, a
 * PaymentIntent's status, and the day's PaymentIntents for the reconciliation.
 */
@Component
class StripeProvider implements PaymentProvider, PaymentPages, StatusQuery, ProviderStatement {

    static final String NAME = "stripe";
    static final String SECRET_KEY = "secretKey";
    static final String WEBHOOK_SECRET = "webhookSecret";
    static final String API_BASE_URL = "apiBaseUrl";
    static final String TOLERANCE_SECONDS = "toleranceSeconds";

    private final StripeApi api = new StripeApi();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(
                ProviderSetting.secret(
                        SECRET_KEY, "secret API key (sk_live_... or sk_test_...), Developers > API keys"),
                ProviderSetting.secret(WEBHOOK_SECRET, "signing secret of the webhook endpoint (whsec_...)"),
                ProviderSetting.optional(API_BASE_URL, "API address, default " + StripeApi.DEFAULT_BASE_URL),
                ProviderSetting.optional(TOLERANCE_SECONDS, "how old a webhook's timestamp may be, default 300"));
    }

    JsonNode api(ProviderConfig config, String path, Map<String, String> query) {
        return api.get(config, path, query)
                .orElseThrow(() -> new ProviderUnavailableException("Stripe has no " + path));
    }

    @Override
    public Checkout checkout(Invoice invoice, ProviderConfig config, String returnUrl) {
        String id = String.valueOf(invoice.id());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mode", "payment");
        form.put("success_url", returnUrl);
        form.put("cancel_url", returnUrl);
        form.put("client_reference_id", id);
        form.put("line_items[0][quantity]", "1");
        form.put("line_items[0][price_data][currency]", invoice.currency().toLowerCase(Locale.ROOT));
        form.put(
                "line_items[0][price_data][unit_amount]",
                String.valueOf(StripeAmounts.toMinor(invoice.amount(), invoice.currency())));
        form.put(
                "line_items[0][price_data][product_data][name]",
                invoice.description() == null ? "Invoice " + id : invoice.description());
        form.put("metadata[invoice_id]", id);
        form.put("metadata[contract]", invoice.contract());
        form.put("payment_intent_data[metadata][invoice_id]", id);
        form.put("payment_intent_data[metadata][contract]", invoice.contract());
        if (invoice.customerEmail() != null) {
            form.put("customer_email", invoice.customerEmail());
        }
        JsonNode session = api.post(config, "/v1/checkout/sessions", form, "lastmile-invoice-" + id);
        String url = session.path("url").asString("");
        if (url.isBlank()) {
            throw new ProviderUnavailableException("Stripe's Checkout Session has no url");
        }
        String intent = session.path("payment_intent").asString(null);
        return Checkout.redirect(url, intent == null || intent.isBlank() ? null : intent);
    }

    @Override
    public Optional<ProviderPayment> status(String providerPaymentId, ProviderConfig config) {
        if (!providerPaymentId.startsWith("pi_")) {
            return Optional.empty();
        }
        return api.get(config, "/v1/payment_intents/" + providerPaymentId, Map.of())
                .map(StripeProvider::payment);
    }

    @Override
    public List<ProviderPayment> payments(LocalDate day, ZoneId zone, ProviderConfig config) {
        long from = day.atStartOfDay(zone).toEpochSecond();
        long to = day.plusDays(1).atStartOfDay(zone).toEpochSecond();
        List<ProviderPayment> payments = new ArrayList<>();
        String after = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("created[gte]", String.valueOf(from));
            query.put("created[lt]", String.valueOf(to));
            query.put("limit", "100");
            if (after != null) {
                query.put("starting_after", after);
            }
            JsonNode page = api(config, "/v1/payment_intents", query);
            after = null;
            for (JsonNode intent : page.path("data")) {
                payments.add(payment(intent));
                after = intent.path("id").asString();
            }
            if (!page.path("has_more").asBoolean(false)) {
                after = null;
            }
        } while (after != null);
        return payments;
    }

    static ProviderPayment payment(JsonNode intent) {
        String currency = StripeAmounts.currency(intent.path("currency").asString(null));
        long minor = intent.path("amount_received").asLong(0) > 0
                ? intent.path("amount_received").asLong()
                : intent.path("amount").asLong();
        String invoice = intent.path("metadata").path("invoice_id").asString("");
        String contract = intent.path("metadata").path("contract").asString("");
        return new ProviderPayment(
                intent.path("id").asString(),
                invoice.matches("\\d{1,18}") ? Long.valueOf(invoice) : null,
                contract.isBlank() ? null : contract,
                StripeAmounts.fromMinor(minor, currency),
                currency,
                Instant.ofEpochSecond(intent.path("created").asLong()),
                switch (intent.path("status").asString("")) {
                    case "succeeded" -> ProviderPayment.Status.PAID;
                    case "processing",
                            "requires_payment_method",
                            "requires_confirmation",
                            "requires_action",
                            "requires_capture" -> ProviderPayment.Status.PENDING;
                    case "canceled" -> ProviderPayment.Status.FAILED;
                    default -> ProviderPayment.Status.UNKNOWN;
                });
    }
}
