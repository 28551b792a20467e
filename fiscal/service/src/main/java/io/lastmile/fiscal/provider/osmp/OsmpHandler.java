package io.lastmile.fiscal.provider.osmp;

import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.PaymentBook;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderSettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * OSMP's two commands. {@code check} asks whether the account exists and the sum is acceptable
 * (books nothing); {@code pay} books the payment once per {@code txn_id}: a repeated pay answers 0
 * with the same {@code prv_txn} (our payment id). Whatever may pass later (billing down, the
 * provider's settings wrong) answers 1, the only code the terminal network retries; an account
 * billing does not know answers 5 only when billing said so.
 */
@Component
class OsmpHandler {

    private static final Logger log = LoggerFactory.getLogger(OsmpHandler.class);
    private static final Pattern TXN_ID = Pattern.compile("\\d{1,20}");
    private static final DateTimeFormatter TXN_DATE =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

    private final ProviderSettings settings;
    private final PaymentBook book;
    private final Clock clock;

    OsmpHandler(ProviderSettings settings, PaymentBook book, Clock clock) {
        this.settings = settings;
        this.book = book;
        this.clock = clock;
    }

    /** The settings a request is judged by, read once per request. */
    private record Limits(Pattern account, BigDecimal min, BigDecimal max, String currency, ZoneId zone) {}

    OsmpAnswer handle(String remoteAddress, String authorization, Map<String, String> params) {
        String command = params.get("command");
        String txnId = params.get("txn_id");
        ProviderConfig config = settings.of(OsmpProvider.NAME);
        if (!config.enabled()) {
            log.warn("osmp {} {} refused: the provider is not enabled", command, txnId);
            return "pay".equals(command)
                    ? OsmpAnswer.refused(txnId, OsmpResult.TEMPORARY, "payments are not accepted now")
                    : OsmpAnswer.refused(txnId, OsmpResult.REFUSED, "payments are not accepted");
        }
        Limits limits;
        try {
            Optional<OsmpAnswer> refusal = OsmpAccess.refusal(config, remoteAddress, authorization);
            if (refusal.isPresent()) {
                log.warn(
                        "osmp {} {} from {} refused: {}",
                        command,
                        txnId,
                        remoteAddress,
                        refusal.get().comment());
                return refusal.get();
            }
            limits = limits(config);
        } catch (IllegalArgumentException | DateTimeException e) {
            log.error("osmp: a setting is wrong ({}); requests wait with result 1", e.getMessage());
            return OsmpAnswer.refused(txnId, OsmpResult.TEMPORARY, "temporarily unavailable");
        }
        if (txnId == null || !TXN_ID.matcher(txnId).matches()) {
            return OsmpAnswer.refused(txnId, OsmpResult.OTHER, "txn_id must be up to 20 digits");
        }
        if (!"check".equals(command) && !"pay".equals(command)) {
            return OsmpAnswer.refused(txnId, OsmpResult.OTHER, "unknown command");
        }
        String account = params.get("account");
        if (account == null || !limits.account.matcher(account).matches()) {
            return OsmpAnswer.refused(txnId, OsmpResult.BAD_ACCOUNT_FORMAT, "wrong account format");
        }
        Optional<BigDecimal> parsed = OsmpSum.parse(params.get("sum"));
        if (parsed.isEmpty()) {
            return OsmpAnswer.refused(txnId, OsmpResult.OTHER, "sum must be digits with at most two decimals");
        }
        BigDecimal sum = parsed.get();
        if (sum.signum() <= 0 || (limits.min != null && sum.compareTo(limits.min) < 0)) {
            return OsmpAnswer.refused(txnId, OsmpResult.SUM_TOO_SMALL, "sum too small");
        }
        if (limits.max != null && sum.compareTo(limits.max) > 0) {
            return OsmpAnswer.refused(txnId, OsmpResult.SUM_TOO_LARGE, "sum too large");
        }
        if (command.equals("check")) {
            return check(payment(txnId, account, sum, clock.instant(), limits, config));
        }
        Instant paidAt;
        try {
            String date = params.get("txn_date");
            if (date == null) {
                throw new DateTimeParseException("no txn_date", "", 0);
            }
            paidAt = LocalDateTime.parse(date, TXN_DATE).atZone(limits.zone).toInstant();
        } catch (DateTimeParseException e) {
            return OsmpAnswer.refused(txnId, OsmpResult.OTHER, "txn_date must be YYYYMMDDHHMMSS");
        }
        return pay(payment(txnId, account, sum, paidAt, limits, config), params.get("txn_date"));
    }

    private OsmpAnswer check(IncomingPayment payment) {
        BookingResult result = book.check(payment);
        String txnId = payment.providerPaymentId();
        return switch (result.outcome()) {
            case BOOKED, DUPLICATE -> OsmpAnswer.check(txnId, OsmpResult.OK, "OK");
            case UNKNOWN_ACCOUNT -> OsmpAnswer.check(txnId, OsmpResult.ACCOUNT_NOT_FOUND, "account not found");
            case RETRY_LATER -> OsmpAnswer.check(txnId, OsmpResult.TEMPORARY, "temporarily unavailable");
            case MISMATCH -> OsmpAnswer.check(txnId, OsmpResult.REFUSED, "payment refused");
            case CONFLICT -> OsmpAnswer.check(txnId, OsmpResult.OTHER, "txn_id was paid with another account or sum");
        };
    }

    private OsmpAnswer pay(IncomingPayment payment, String txnDate) {
        BookingResult result = book.receive(payment);
        String txnId = payment.providerPaymentId();
        if (result.accepted()) {
            if (result.outcome() == BookingResult.Outcome.BOOKED) {
                log.info("osmp pay {} of {} booked as payment {}", txnId, txnDate, result.paymentId());
            }
            return OsmpAnswer.paid(txnId, result.paymentId(), payment.amount());
        }
        log.warn("osmp pay {} not booked ({}): {}", txnId, result.outcome(), result.message());
        return switch (result.outcome()) {
            case UNKNOWN_ACCOUNT -> OsmpAnswer.refused(txnId, OsmpResult.ACCOUNT_NOT_FOUND, "account not found");
            case RETRY_LATER -> OsmpAnswer.refused(txnId, OsmpResult.TEMPORARY, "temporarily unavailable");
            case MISMATCH -> OsmpAnswer.refused(txnId, OsmpResult.REFUSED, "payment refused");
            default -> OsmpAnswer.refused(txnId, OsmpResult.OTHER, "txn_id was paid with another account or sum");
        };
    }

    private static IncomingPayment payment(
            String txnId, String account, BigDecimal sum, Instant paidAt, Limits limits, ProviderConfig config) {
        return new IncomingPayment(
                OsmpProvider.NAME,
                txnId,
                account,
                null,
                sum,
                limits.currency,
                paidAt,
                config.testMode(),
                null,
                null,
                Map.of());
    }

    private static Limits limits(ProviderConfig config) {
        Pattern account;
        try {
            account = Pattern.compile(
                    config.value(OsmpProvider.ACCOUNT_PATTERN).orElse(OsmpProvider.DEFAULT_ACCOUNT_PATTERN));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("accountPattern is not a regular expression");
        }
        return new Limits(
                account,
                amount(config, OsmpProvider.MIN_SUM),
                amount(config, OsmpProvider.MAX_SUM),
                config.value(OsmpProvider.CURRENCY).orElse(OsmpProvider.DEFAULT_CURRENCY),
                ZoneId.of(config.value(OsmpProvider.TIME_ZONE).orElse(OsmpProvider.DEFAULT_TIME_ZONE)));
    }

    private static BigDecimal amount(ProviderConfig config, String name) {
        Optional<String> value = config.value(name);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(value.get().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number");
        }
    }
}
