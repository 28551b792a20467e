package io.lastmile.fiscal.provider.stripe;

import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.IncomingRefund;
import io.lastmile.fiscal.payment.PaymentBook;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderSettings;
import io.lastmile.fiscal.payment.ProviderUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a Stripe event does. Stripe takes any 2xx as delivered and retries anything else with
 * back-off for up to three days, so "retry later" is a 503 and a refusal that retrying cannot
 * mend (a wrong amount, an unknown account) is a 200 that books nothing. The payment's id is
 * the PaymentIntent's, so {@code checkout.session.completed} and {@code payment_intent.succeeded}
 * of one payment book it once.
 */
@Component
class StripeWebhookHandler {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProviderSettings settings;
    private final PaymentBook book;
    private final StripeProvider provider;
    private final Clock clock;

    StripeWebhookHandler(ProviderSettings settings, PaymentBook book, StripeProvider provider, Clock clock) {
        this.settings = settings;
        this.book = book;
        this.provider = provider;
        this.clock = clock;
    }

    record Answer(int status, Map<String, Object> body) {
        static Answer received(String what) {
            return new Answer(200, Map.of("received", true, "result", what));
        }

        static Answer refused(int status, String why) {
            return new Answer(status, Map.of("error", why));
        }
    }

    Answer handle(byte[] body, String signatureHeader) {
        ProviderConfig config = settings.of(StripeProvider.NAME);
        if (!config.enabled()) {
            return Answer.refused(503, "the provider is not enabled");
        }
        Duration tolerance = Duration.ofSeconds(
                Long.parseLong(config.value(StripeProvider.TOLERANCE_SECONDS).orElse("300")));
        StripeSignature.Verdict verdict = StripeSignature.verify(
                body, signatureHeader, config.require(StripeProvider.WEBHOOK_SECRET), tolerance, clock.instant());
        if (verdict != StripeSignature.Verdict.VALID) {
            log.warn("Stripe webhook refused: {}", verdict);
            return Answer.refused(
                    400, "signature: " + verdict.name().toLowerCase().replace('_', ' '));
        }
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (JacksonException e) {
            return Answer.refused(400, "the body is not JSON");
        }
        JsonNode object = event.path("data").path("object");
        boolean test = !event.path("livemode").asBoolean(false) || config.testMode();
        String type = event.path("type").asString("");
        try {
            return switch (type) {
                case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> session(object, test);
                case "payment_intent.succeeded" -> intent(object, test);
                case "charge.refunded" -> refunded(object, config);
                default -> Answer.received("ignored " + type);
            };
        } catch (IllegalArgumentException e) {
            log.warn("Stripe {} {} not booked: {}", type, event.path("id").asString(), e.getMessage());
            return Answer.received("not booked: " + e.getMessage());
        } catch (ProviderUnavailableException e) {
            return Answer.refused(503, "Stripe's API did not answer; deliver again");
        }
    }

    private Answer session(JsonNode session, boolean test) {
        if (!session.path("payment_status").asString("").equals("paid")) {
            return Answer.received("not paid yet");
        }
        String intent = session.path("payment_intent").asString("");
        String currency = StripeAmounts.currency(session.path("currency").asString(null));
        IncomingPayment payment = new IncomingPayment(
                StripeProvider.NAME,
                intent.isBlank() ? session.path("id").asString() : intent,
                text(session.path("metadata").path("contract")),
                invoiceId(firstText(
                        session.path("client_reference_id"),
                        session.path("metadata").path("invoice_id"))),
                StripeAmounts.fromMinor(session.path("amount_total").asLong(), currency),
                currency,
                Instant.ofEpochSecond(
                        session.path("created").asLong(clock.instant().getEpochSecond())),
                test,
                text(session.path("customer_details").path("email")),
                text(session.path("customer_details").path("phone")),
                Map.of("checkoutSession", session.path("id").asString()));
        return book(payment);
    }

    private Answer intent(JsonNode intent, boolean test) {
        JsonNode metadata = intent.path("metadata");
        if (text(metadata.path("invoice_id")) == null && text(metadata.path("contract")) == null) {
            return Answer.received("not a payment of ours");
        }
        String currency = StripeAmounts.currency(intent.path("currency").asString(null));
        IncomingPayment payment = new IncomingPayment(
                StripeProvider.NAME,
                intent.path("id").asString(),
                text(metadata.path("contract")),
                invoiceId(text(metadata.path("invoice_id"))),
                StripeAmounts.fromMinor(intent.path("amount_received").asLong(), currency),
                currency,
                Instant.ofEpochSecond(
                        intent.path("created").asLong(clock.instant().getEpochSecond())),
                test,
                text(intent.path("receipt_email")),
                null,
                Map.of());
        return book(payment);
    }

    private Answer book(IncomingPayment payment) {
        if (payment.amount().signum() <= 0 || payment.currency() == null) {
            throw new IllegalArgumentException("no amount");
        }
        BookingResult result = book.receive(payment);
        return switch (result.outcome()) {
            case BOOKED -> Answer.received("booked");
            case DUPLICATE -> Answer.received("booked before");
            case RETRY_LATER -> Answer.refused(503, "billing is not reachable; deliver again");
            case UNKNOWN_ACCOUNT, MISMATCH, CONFLICT -> {
                log.warn(
                        "Stripe payment {} not booked ({}): {}",
                        payment.providerPaymentId(),
                        result.outcome(),
                        result.message());
                yield Answer.received("not booked: " + result.outcome().name().toLowerCase());
            }
        };
    }

    /** Each succeeded refund of the charge, from the event or (newer API versions) from the API. */
    private Answer refunded(JsonNode charge, ProviderConfig config) {
        String intent = text(charge.path("payment_intent"));
        if (intent == null) {
            return Answer.received("no payment intent");
        }
        JsonNode refunds = charge.path("refunds").path("data");
        if (!refunds.isArray()) {
            refunds = provider.api(
                            config,
                            "/v1/refunds",
                            Map.of("charge", charge.path("id").asString(), "limit", "100"))
                    .path("data");
        }
        List<String> booked = new ArrayList<>();
        for (JsonNode refund : refunds) {
            if (!refund.path("status").asString("succeeded").equals("succeeded")) {
                continue;
            }
            String currency = StripeAmounts.currency(
                    refund.path("currency").asString(charge.path("currency").asString()));
            BookingResult result = book.refund(new IncomingRefund(
                    StripeProvider.NAME,
                    intent,
                    refund.path("id").asString(),
                    StripeAmounts.fromMinor(refund.path("amount").asLong(), currency),
                    currency,
                    Instant.ofEpochSecond(
                            refund.path("created").asLong(clock.instant().getEpochSecond()))));
            if (result.outcome() == BookingResult.Outcome.RETRY_LATER) {
                return Answer.refused(503, "billing is not reachable; deliver again");
            }
            if (!result.accepted()) {
                log.warn(
                        "Stripe refund {} not booked ({}): {}",
                        refund.path("id").asString(),
                        result.outcome(),
                        result.message());
            }
            booked.add(
                    refund.path("id").asString() + " " + result.outcome().name().toLowerCase());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("received", true);
        answer.put("refunds", booked);
        return new Answer(200, answer);
    }

    private static String text(JsonNode node) {
        String value = node.isValueNode() ? node.asString("") : "";
        return value.isBlank() ? null : value;
    }

    private static String firstText(JsonNode a, JsonNode b) {
        String first = text(a);
        return first != null ? first : text(b);
    }

    private static Long invoiceId(String value) {
        return value != null && value.matches("\\d{1,18}") ? Long.valueOf(value) : null;
    }
}
