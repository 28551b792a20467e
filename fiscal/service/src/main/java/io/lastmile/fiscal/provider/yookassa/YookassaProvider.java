package io.lastmile.fiscal.provider.yookassa;

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
import io.lastmile.fiscal.provider.SourceNetworks;
import io.lastmile.platform.web.InvalidRequestException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** YooKassa: payments with a redirect confirmation, their status and the day's list; notifications at /pay/yookassa. */
@Component
public class YookassaProvider implements PaymentProvider, PaymentPages, StatusQuery, ProviderStatement {

    public static final String NAME = "yookassa";
    static final String SHOP_ID = "shopId";
    static final String SECRET_KEY = "secretKey";
    static final String API_BASE_URL = "apiBaseUrl";
    static final String SOURCE_NETWORKS = "sourceNetworks";
    private static final int MAX_DESCRIPTION = 128;
    private static final int PAGE = 100;

    private final YookassaClient client;

    public YookassaProvider() {
        this(new YookassaClient(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()));
    }

    YookassaProvider(YookassaClient client) {
        this.client = client;
    }

    YookassaClient client() {
        return client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(
                ProviderSetting.required(SHOP_ID, "shopId (YooKassa's cabinet, Integration, API keys)"),
                ProviderSetting.secret(SECRET_KEY, "the secret key of the API"),
                ProviderSetting.optional(API_BASE_URL, "API base URL, default " + YookassaClient.DEFAULT_BASE_URL),
                ProviderSetting.optional(
                        SOURCE_NETWORKS,
                        "addresses notifications may come from (CIDR, comma "
                                + "separated), default YooKassa's published list "
                                + SourceNetworks.YOOKASSA_PUBLISHED));
    }

    @Override
    public Checkout checkout(Invoice invoice, ProviderConfig config, String returnUrl) {
        if (returnUrl == null || returnUrl.isBlank()) {
            throw InvalidRequestException.of("returnUrl", "the page the subscriber returns to is required");
        }
        ObjectNode body = YookassaClient.JSON.createObjectNode();
        body.set("amount", amount(invoice.amount(), invoice.currency()));
        body.put("capture", true);
        ObjectNode confirmation = body.putObject("confirmation");
        confirmation.put("type", "redirect");
        confirmation.put("return_url", returnUrl);
        if (invoice.description() != null && !invoice.description().isBlank()) {
            String d = invoice.description();
            body.put("description", d.length() <= MAX_DESCRIPTION ? d : d.substring(0, MAX_DESCRIPTION));
        }
        ObjectNode metadata = body.putObject("metadata");
        metadata.put("invoice_id", Long.toString(invoice.id()));
        metadata.put("contract", invoice.contract());
        JsonNode answer = client.post("/payments", body, "lastmile-invoice-" + invoice.id(), config);
        String url = answer.path("confirmation").path("confirmation_url").asString("");
        if (url.isEmpty()) {
            throw new ProviderUnavailableException(
                    "YooKassa created payment " + answer.path("id").asString("?") + " without a confirmation_url");
        }
        return Checkout.redirect(url, answer.path("id").asString(null));
    }

    @Override
    public Optional<ProviderPayment> status(String providerPaymentId, ProviderConfig config) {
        return client.get("/payments/" + encode(providerPaymentId), config).map(YookassaProvider::payment);
    }

    @Override
    public List<ProviderPayment> payments(LocalDate day, ZoneId zone, ProviderConfig config) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<ProviderPayment> payments = new ArrayList<>();
        String cursor = null;
        do {
            String query = "/payments?status=succeeded&limit=" + PAGE + "&captured_at.gte=" + encode(from.toString())
                    + "&captured_at.lt=" + encode(to.toString()) + (cursor == null ? "" : "&cursor=" + encode(cursor));
            JsonNode page = client.get(query, config)
                    .orElseThrow(() -> new ProviderUnavailableException("YooKassa has no payment list"));
            page.path("items").forEach(item -> payments.add(payment(item)));
            cursor = page.path("next_cursor").asString(null);
        } while (cursor != null && !cursor.isEmpty());
        return payments;
    }

    static ProviderPayment payment(JsonNode p) {
        JsonNode metadata = p.path("metadata");
        String captured = p.path("captured_at").asString(null);
        return new ProviderPayment(
                p.path("id").asString(),
                invoiceId(metadata.path("invoice_id").asString("")),
                metadata.path("contract").asString(null),
                new BigDecimal(p.path("amount").path("value").asString("0")),
                p.path("amount").path("currency").asString(),
                captured == null ? null : Instant.parse(captured),
                status(p));
    }

    private static ProviderPayment.Status status(JsonNode p) {
        String status = p.path("status").asString("");
        if ("succeeded".equals(status)) {
            JsonNode refunded = p.path("refunded_amount").path("value");
            boolean fullyRefunded = refunded.isString()
                    && new BigDecimal(refunded.asString())
                                    .compareTo(new BigDecimal(
                                            p.path("amount").path("value").asString("0")))
                            == 0;
            return fullyRefunded ? ProviderPayment.Status.REFUNDED : ProviderPayment.Status.PAID;
        }
        return switch (status) {
            case "pending", "waiting_for_capture" -> ProviderPayment.Status.PENDING;
            case "canceled" -> ProviderPayment.Status.FAILED;
            default -> ProviderPayment.Status.UNKNOWN;
        };
    }

    static Long invoiceId(String value) {
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** YooKassa's amount object; refuses more decimals than the currency's two. */
    private static ObjectNode amount(BigDecimal value, String currency) {
        if (value.signum() <= 0 || value.stripTrailingZeros().scale() > 2) {
            throw InvalidRequestException.of(
                    "amount",
                    value.toPlainString()
                            + " is not a positive amount with at most two decimals, as YooKassa takes it");
        }
        ObjectNode amount = YookassaClient.JSON.createObjectNode();
        amount.put("value", value.setScale(2).toPlainString());
        amount.put("currency", currency);
        return amount;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
