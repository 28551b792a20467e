package io.lastmile.fiscal.provider.tbank;

import io.lastmile.fiscal.payment.Checkout;
import io.lastmile.fiscal.payment.Invoice;
import io.lastmile.fiscal.payment.PaymentPages;
import io.lastmile.fiscal.payment.PaymentProvider;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderPayment;
import io.lastmile.fiscal.payment.ProviderSetting;
import io.lastmile.fiscal.payment.ProviderUnavailableException;
import io.lastmile.fiscal.payment.StatusQuery;
import io.lastmile.platform.web.InvalidRequestException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** T-Bank (Tinkoff) internet acquiring: Init for the payment page, GetState, notifications at /pay/tbank. */
@Component
public class TbankProvider implements PaymentProvider, PaymentPages, StatusQuery {

    public static final String NAME = "tbank";
    static final String TERMINAL_KEY = "terminalKey";
    static final String PASSWORD = "password";
    static final String API_BASE_URL = "apiBaseUrl";
    static final String NOTIFICATION_URL = "notificationUrl";
    static final String FAIL_URL = "failUrl";
    /** T-Bank's description field takes at most 140 characters (Init, Description). */
    private static final int MAX_DESCRIPTION = 140;

    private final TbankClient client;

    public TbankProvider() {
        this(new TbankClient(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()));
    }

    TbankProvider(TbankClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(
                ProviderSetting.required(TERMINAL_KEY, "TerminalKey of the terminal (T-Bank's cabinet, Terminals)"),
                ProviderSetting.secret(PASSWORD, "the terminal's password (signs requests and notifications)"),
                ProviderSetting.optional(API_BASE_URL, "API base URL, default " + TbankClient.DEFAULT_BASE_URL),
                ProviderSetting.optional(
                        NOTIFICATION_URL, "fiscal's public /pay/tbank URL, if not set on the terminal"),
                ProviderSetting.optional(FAIL_URL, "where the subscriber lands after a failed payment"));
    }

    @Override
    public Checkout checkout(Invoice invoice, ProviderConfig config, String returnUrl) {
        if (!"RUB".equals(invoice.currency())) {
            throw InvalidRequestException.of("currency", "T-Bank takes RUB, not " + invoice.currency());
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("Amount", Long.toString(Kopecks.of(invoice.amount())));
        values.put("OrderId", Long.toString(invoice.id()));
        if (invoice.description() != null && !invoice.description().isBlank()) {
            values.put("Description", truncate(invoice.description()));
        }
        if (returnUrl != null) {
            values.put("SuccessURL", returnUrl);
        }
        config.value(FAIL_URL).or(() -> Optional.ofNullable(returnUrl)).ifPresent(url -> values.put("FailURL", url));
        config.value(NOTIFICATION_URL).ifPresent(url -> values.put("NotificationURL", url));
        JsonNode answer = client.call("Init", values, config);
        String url = answer.path("PaymentURL").asString("");
        if (url.isEmpty()) {
            throw new ProviderUnavailableException("T-Bank Init answered no PaymentURL");
        }
        return Checkout.redirect(url, answer.path("PaymentId").asString(null));
    }

    @Override
    public Optional<ProviderPayment> status(String providerPaymentId, ProviderConfig config) {
        JsonNode answer = client.call("GetState", Map.of("PaymentId", providerPaymentId), config);
        return Optional.of(new ProviderPayment(
                answer.path("PaymentId").asString(providerPaymentId),
                TbankNotifications.invoiceId(answer.path("OrderId").asString("")),
                null,
                Kopecks.toRubles(answer.path("Amount").asLong()),
                "RUB",
                null,
                TbankStatus.of(answer.path("Status").asString(""))));
    }

    private static String truncate(String description) {
        return description.length() <= MAX_DESCRIPTION ? description : description.substring(0, MAX_DESCRIPTION);
    }
}
