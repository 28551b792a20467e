package io.lastmile.fiscal.provider.cloudpayments;

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
import org.springframework.stereotype.Component;

/**
 * What a CloudPayments notification does and what it is answered. CloudPayments takes
 * {@code {"code":0}} with HTTP 200 as done; any other HTTP status is delivered again later (so
 * "retry later" is a 503). Check may refuse the payment with its codes (10 invoice, 11 account,
 * 12 amount, 13 cannot be accepted, 20 expired); Pay, Fail, Refund, Confirm and Cancel only know 0.
 * A two-step payment comes as Pay with Status Authorized (money held: nothing booked), then
 * Confirm (booked) or Cancel (the hold released: nothing booked).
 */
@Component
class NotificationHandler {

    static final int OK = 0;
    static final int WRONG_INVOICE = 10;
    static final int WRONG_ACCOUNT = 11;
    static final int WRONG_AMOUNT = 12;
    static final int REFUSED = 13;
    static final int EXPIRED = 20;

    private static final Logger log = LoggerFactory.getLogger(NotificationHandler.class);

    private final ProviderSettings settings;
    private final PaymentBook book;
    private final Invoices invoices;
    private final Clock clock;

    NotificationHandler(ProviderSettings settings, PaymentBook book, Invoices invoices, Clock clock) {
        this.settings = settings;
        this.book = book;
        this.invoices = invoices;
        this.clock = clock;
    }

    /** @param code the CloudPayments code, null when the HTTP status alone answers */
    record Answer(int httpStatus, Integer code) {
        static Answer code(int code) {
            return new Answer(200, code);
        }

        static final Answer DONE = code(OK);
        static final Answer RETRY_LATER = new Answer(503, null);
        static final Answer UNSIGNED = new Answer(401, null);
        static final Answer MALFORMED = new Answer(400, null);
    }

    enum Kind {
        CHECK,
        PAY,
        FAIL,
        REFUND,
        /** A two-step payment's held money taken: it is booked now. */
        CONFIRM,
        /** A two-step payment's hold released: nothing was booked, nothing is. */
        CANCEL
    }

    Answer handle(Kind kind, byte[] body, String contentHmac, String contentType) {
        ProviderConfig config = settings.of(CloudPaymentsProvider.NAME);
        if (!config.enabled()) {
            log.warn("CloudPayments {} refused: the provider is not enabled", kind);
            return kind == Kind.CHECK ? Answer.code(REFUSED) : Answer.RETRY_LATER;
        }
        if (!ContentHmac.verifies(body, contentHmac, config.require(CloudPaymentsProvider.API_SECRET))) {
            log.warn("CloudPayments {} refused: Content-HMAC does not verify", kind);
            return kind == Kind.CHECK ? Answer.code(REFUSED) : Answer.UNSIGNED;
        }
        Notification n;
        try {
            n = Notification.parse(body, contentType);
            return switch (kind) {
                case CHECK -> check(n, config);
                case PAY -> pay(n, config);
                case FAIL -> fail(n);
                case REFUND -> refund(n, config);
                case CONFIRM -> confirm(n, config);
                case CANCEL -> cancel(n);
            };
        } catch (Notification.MalformedNotification e) {
            log.warn("CloudPayments {} refused: {}", kind, e.getMessage());
            return kind == Kind.CHECK
                    ? Answer.code(e.getMessage().contains("Amount") ? WRONG_AMOUNT : REFUSED)
                    : Answer.MALFORMED;
        }
    }

    private Answer check(Notification n, ProviderConfig config) {
        IncomingPayment payment = payment(n, config);
        if (payment.invoiceId() != null) {
            Optional<Invoice> invoice = invoices.get(payment.invoiceId());
            if (invoice.isEmpty()) {
                return Answer.code(WRONG_INVOICE);
            }
            Invoice i = invoice.get();
            if (!i.provider().equals(CloudPaymentsProvider.NAME)) {
                return Answer.code(WRONG_INVOICE);
            }
            if (i.status() == Invoice.InvoiceStatus.EXPIRED
                    || (i.expiresAt() != null && !clock.instant().isBefore(i.expiresAt()))) {
                return Answer.code(EXPIRED);
            }
            if (i.status() != Invoice.InvoiceStatus.OPEN) {
                return Answer.code(REFUSED);
            }
            if (payment.contract() != null && !payment.contract().equals(i.contract())) {
                return Answer.code(WRONG_ACCOUNT);
            }
            if (i.amount().compareTo(payment.amount()) != 0 || !i.currency().equals(payment.currency())) {
                return Answer.code(WRONG_AMOUNT);
            }
        }
        if (contractOf(payment) == null) {
            return Answer.code(WRONG_ACCOUNT);
        }
        BookingResult result = book.check(withContract(payment));
        return switch (result.outcome()) {
            case BOOKED, DUPLICATE -> Answer.DONE;
            case UNKNOWN_ACCOUNT -> Answer.code(WRONG_ACCOUNT);
            case MISMATCH -> Answer.code(WRONG_AMOUNT);
            case CONFLICT, RETRY_LATER -> Answer.code(REFUSED);
        };
    }

    private Answer pay(Notification n, ProviderConfig config) {
        String status = n.get("Status");
        if (status != null && !status.equals("Completed")) {
            // a two-stage payment only authorized: the money is not taken yet, nothing to credit
            log.info("CloudPayments Pay {} is {}: nothing booked", n.get("TransactionId"), status);
            return Answer.DONE;
        }
        return book(n, config, "Pay");
    }

    /**
     * Confirm: the money a Pay with Status Authorized only held is taken, for the Amount confirmed
     * (it may be less than the hold); booked under the TransactionId once, however often it comes.
     */
    private Answer confirm(Notification n, ProviderConfig config) {
        return book(n, config, "Confirm");
    }

    private Answer cancel(Notification n) {
        log.info(
                "CloudPayments Cancel of held payment {} (invoice {}, account {}): nothing booked",
                n.get("TransactionId"),
                n.get("InvoiceId"),
                n.get("AccountId"));
        return Answer.DONE;
    }

    private Answer book(Notification n, ProviderConfig config, String kind) {
        IncomingPayment payment = payment(n, config);
        if (contractOf(payment) == null) {
            log.warn(
                    "CloudPayments {} {} names no account or invoice of ours: not booked",
                    kind,
                    n.get("TransactionId"));
            return Answer.DONE;
        }
        BookingResult result = book.receive(withContract(payment));
        return switch (result.outcome()) {
            case BOOKED, DUPLICATE -> Answer.DONE;
            case RETRY_LATER -> Answer.RETRY_LATER;
            // the money is taken and Pay/Confirm know no refusal: the day's reconciliation shows it
            case UNKNOWN_ACCOUNT, MISMATCH, CONFLICT -> {
                log.warn(
                        "CloudPayments {} {} not booked ({}): {}",
                        kind,
                        payment.providerPaymentId(),
                        result.outcome(),
                        result.message());
                yield Answer.DONE;
            }
        };
    }

    private Answer fail(Notification n) {
        log.info(
                "CloudPayments Fail for invoice {}, account {}: {}",
                n.get("InvoiceId"),
                n.get("AccountId"),
                n.get("Reason"));
        return Answer.DONE;
    }

    private Answer refund(Notification n, ProviderConfig config) {
        String currency = Optional.ofNullable(n.get("Currency"))
                .orElse(config.value(CloudPaymentsProvider.CURRENCY).orElse("RUB"));
        IncomingRefund refund = new IncomingRefund(
                CloudPaymentsProvider.NAME,
                n.require("PaymentTransactionId"),
                n.require("TransactionId"),
                n.amount(currency),
                currency,
                n.dateTime(clock.instant()));
        BookingResult result = book.refund(refund);
        return switch (result.outcome()) {
            case BOOKED, DUPLICATE -> Answer.DONE;
            case RETRY_LATER -> Answer.RETRY_LATER;
            case UNKNOWN_ACCOUNT, MISMATCH, CONFLICT -> {
                log.warn(
                        "CloudPayments Refund {} of {} not booked ({}): {}",
                        refund.providerRefundId(),
                        refund.providerPaymentId(),
                        result.outcome(),
                        result.message());
                yield Answer.DONE;
            }
        };
    }

    private IncomingPayment payment(Notification n, ProviderConfig config) {
        // Confirm may leave Currency out: the site's currency then
        String currency = Optional.ofNullable(n.get("Currency"))
                .orElse(config.value(CloudPaymentsProvider.CURRENCY).orElse("RUB"));
        BigDecimal amount = n.amount(currency);
        Map<String, String> details = new LinkedHashMap<>();
        for (String field : new String[] {
            "CardFirstSix", "CardLastFour", "CardType", "Status", "OperationType", "AuthCode", "Rrn", "PaymentMethod"
        }) {
            String value = n.get(field);
            if (value != null) {
                details.put(field, value);
            }
        }
        return new IncomingPayment(
                CloudPaymentsProvider.NAME,
                n.require("TransactionId"),
                n.get("AccountId"),
                n.invoiceId(),
                amount,
                currency,
                n.dateTime(clock.instant()),
                n.testMode() || config.testMode(),
                n.get("Email"),
                n.get("Phone"),
                details);
    }

    /** The account as sent, else the invoice's. */
    private String contractOf(IncomingPayment payment) {
        if (payment.contract() != null) {
            return payment.contract();
        }
        if (payment.invoiceId() == null) {
            return null;
        }
        return invoices.get(payment.invoiceId()).map(Invoice::contract).orElse(null);
    }

    private IncomingPayment withContract(IncomingPayment p) {
        if (p.contract() != null) {
            return p;
        }
        return new IncomingPayment(
                p.provider(),
                p.providerPaymentId(),
                contractOf(p),
                p.invoiceId(),
                p.amount(),
                p.currency(),
                p.paidAt(),
                p.testMode(),
                p.customerEmail(),
                p.customerPhone(),
                p.details());
    }
}
