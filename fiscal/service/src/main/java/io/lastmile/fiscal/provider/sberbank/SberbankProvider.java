package io.lastmile.fiscal.provider.sberbank;

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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Sberbank internet acquiring: register.do for the payment page, getOrderStatusExtended.do, callbacks at /pay/sberbank. */
@Component
public class SberbankProvider implements PaymentProvider, PaymentPages, StatusQuery {

    public static final String NAME = "sberbank";
    static final String USER_NAME = "userName";
    static final String PASSWORD = "password";
    static final String CALLBACK_KEY = "callbackKey";
    static final String API_BASE_URL = "apiBaseUrl";
    static final String FAIL_URL = "failUrl";
    /** getOrderStatusExtended.do's errorCode for an order the gateway does not know. */
    private static final String NO_SUCH_ORDER = "6";

    private final SberbankClient client;

    public SberbankProvider() {
        this(new SberbankClient(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()));
    }

    SberbankProvider(SberbankClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(
                ProviderSetting.required(USER_NAME, "the API user's login (ends in -api)"),
                ProviderSetting.secret(PASSWORD, "the API user's password"),
                ProviderSetting.secret(CALLBACK_KEY, "the symmetric key of callback checksums (the gateway's cabinet)"),
                ProviderSetting.optional(API_BASE_URL, "API base URL, default " + SberbankClient.DEFAULT_BASE_URL),
                ProviderSetting.optional(FAIL_URL, "where the subscriber lands after a failed payment"));
    }

    @Override
    public Checkout checkout(Invoice invoice, ProviderConfig config, String returnUrl) {
        if (returnUrl == null || returnUrl.isBlank()) {
            throw InvalidRequestException.of("returnUrl", "the page the subscriber returns to is required");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("orderNumber", Long.toString(invoice.id()));
        params.put("amount", Long.toString(SberbankMoney.toMinor(invoice.amount())));
        params.put("currency", SberbankMoney.numeric(invoice.currency()));
        params.put("returnUrl", returnUrl);
        config.value(FAIL_URL).ifPresent(url -> params.put("failUrl", url));
        if (invoice.description() != null && !invoice.description().isBlank()) {
            params.put("description", invoice.description());
        }
        if (invoice.customerEmail() != null) {
            params.put("email", invoice.customerEmail());
        }
        JsonNode answer = client.call("register.do", params, config);
        String formUrl = answer.path("formUrl").asString("");
        if (!"0".equals(SberbankClient.errorCode(answer)) || formUrl.isEmpty()) {
            throw new ProviderUnavailableException(
                    "Sberbank register.do refused: errorCode " + SberbankClient.errorCode(answer) + " "
                            + answer.path("errorMessage").asString(""));
        }
        return Checkout.redirect(formUrl, answer.path("orderId").asString(null));
    }

    @Override
    public Optional<ProviderPayment> status(String providerPaymentId, ProviderConfig config) {
        JsonNode answer = client.call("getOrderStatusExtended.do", Map.of("orderId", providerPaymentId), config);
        String error = SberbankClient.errorCode(answer);
        if (NO_SUCH_ORDER.equals(error)) {
            return Optional.empty();
        }
        if (!"0".equals(error)) {
            throw new ProviderUnavailableException("Sberbank getOrderStatusExtended.do refused: errorCode " + error
                    + " " + answer.path("errorMessage").asString(""));
        }
        String currency = SberbankMoney.alpha(answer.path("currency").asString(""))
                .orElseThrow(() -> new ProviderUnavailableException("Sberbank answered an unknown currency "
                        + answer.path("currency").asString("")));
        JsonNode authDate = answer.path("authDateTime");
        Instant paidAt = authDate.isNumber() ? Instant.ofEpochMilli(authDate.asLong()) : null;
        return Optional.of(new ProviderPayment(
                providerPaymentId,
                invoiceId(answer.path("orderNumber").asString("")),
                null,
                SberbankMoney.toUnits(answer.path("amount").asLong()),
                currency,
                paidAt,
                status(answer.path("orderStatus").asInt(-1))));
    }

    /** orderStatus of getOrderStatusExtended.do: 0 registered, 1 held, 2 deposited, 3 reversed, 4 refunded, 5 ACS, 6 declined. */
    static ProviderPayment.Status status(int orderStatus) {
        return switch (orderStatus) {
            case 0, 1, 5 -> ProviderPayment.Status.PENDING;
            case 2 -> ProviderPayment.Status.PAID;
            case 3, 6 -> ProviderPayment.Status.FAILED;
            case 4 -> ProviderPayment.Status.REFUNDED;
            default -> ProviderPayment.Status.UNKNOWN;
        };
    }

    static Long invoiceId(String orderNumber) {
        try {
            return Long.valueOf(orderNumber);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
