package io.lastmile.fiscal.cashdesk;

import io.lastmile.fiscal.payment.AccountDirectory;
import io.lastmile.fiscal.payment.AccountLookup;
import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.PayerAccount;
import io.lastmile.fiscal.payment.PaymentBook;
import io.lastmile.platform.security.Callers;
import io.lastmile.platform.security.PermissionDeniedException;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * The operator's cash desk: cash a cashier took is booked through the payment book as provider
 * {@code cashdesk} (method CASH), so it reaches billing through the outbox and gets a 54-FZ
 * receipt of the cash payment kind. The {@code Idempotency-Key} is the provider's payment id: a
 * repeated click books once; the same key with another body is a conflict.
 */
@Service
@EnableConfigurationProperties(CashDeskProperties.class)
class CashDeskService {

    static final String PROVIDER = "cashdesk";
    static final String CASHIER = "cashier";
    static final String NOTE = "note";

    static final int MAX_NOTE = 500;
    static final Duration MAX_RANGE = Duration.ofDays(31);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,100}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{1,63}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{10,15}");

    private final PaymentBook book;
    private final AccountDirectory accounts;
    private final CashDeskRepository payments;
    private final Clock clock;

    CashDeskService(PaymentBook book, AccountDirectory accounts, CashDeskRepository payments, Clock clock) {
        this.book = book;
        this.accounts = accounts;
        this.payments = payments;
        this.clock = clock;
    }

    /** What a booking answered: the payment, and whether this call booked it (else a repeat). */
    record Booked(CashPaymentView payment, boolean created) {}

    Booked take(Authentication caller, String idempotencyKey, CashPaymentRequest request) {
        String cashier = caller.getName();
        Clean clean = validate(idempotencyKey, request);
        Optional<BigDecimal> limit = Callers.correctionLimit(caller);
        if (limit.isPresent() && clean.amount.compareTo(limit.get()) > 0) {
            throw new PermissionDeniedException(
                    "a cash payment of " + clean.amount.toPlainString() + " is above your limit of "
                            + limit.get().toPlainString() + "; an operator with a higher limit must take it",
                    List.of(),
                    Map.of("limit", limit.get().toPlainString()));
        }
        PayerAccount account = account(request);
        String currency = clean.currency != null ? clean.currency : account.currency();
        Map<String, String> details = new LinkedHashMap<>();
        details.put(CASHIER, cashier);
        if (clean.note != null) {
            details.put(NOTE, clean.note);
        }
        IncomingPayment payment = new IncomingPayment(
                PROVIDER,
                idempotencyKey,
                account.contract(),
                null,
                clean.amount,
                currency,
                clock.instant(),
                false,
                clean.email,
                clean.phone,
                details);
        BookingResult result = book.receive(payment);
        return switch (result.outcome()) {
            case BOOKED -> new Booked(payments.byId(result.paymentId()).orElseThrow(), true);
            case DUPLICATE -> {
                CashPaymentView before = payments.byId(result.paymentId()).orElseThrow();
                if (!Objects.equals(before.cashier(), cashier)
                        || !Objects.equals(before.note(), clean.note)
                        || !Objects.equals(before.customerEmail(), clean.email)
                        || !Objects.equals(before.customerPhone(), clean.phone)) {
                    throw conflict(idempotencyKey);
                }
                yield new Booked(before, false);
            }
            case CONFLICT -> throw conflict(idempotencyKey);
            case MISMATCH -> throw InvalidRequestException.of("amount", result.message());
            case UNKNOWN_ACCOUNT -> throw InvalidRequestException.of("contract", result.message());
            case RETRY_LATER -> throw new Unavailable(result.message());
        };
    }

    CashPaymentView get(long id) {
        return payments.byId(id).orElseThrow(() -> new NotFoundException("no cash desk payment with id " + id));
    }

    ShiftList shift(String cashier, Instant from, Instant to, int limit) {
        InvalidRequestException.Collector errors = new InvalidRequestException.Collector();
        Instant end = to != null ? to : clock.instant().plusSeconds(1);
        Instant start = from != null ? from : end.minus(Duration.ofDays(1));
        if (!start.isBefore(end)) {
            errors.add("from", "must be before to");
        } else if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            errors.add("to", "a list covers at most " + MAX_RANGE.toDays() + " days");
        }
        if (limit < 1 || limit > 5000) {
            errors.add("limit", "must be between 1 and 5000");
        }
        errors.throwIfAny();
        String who = cashier == null || cashier.isBlank() ? null : cashier.strip();
        return new ShiftList(who, start, end, payments.list(who, start, end, limit), payments.totals(who, start, end));
    }

    /** The request's values, checked; each problem named by its field. */
    private record Clean(BigDecimal amount, String currency, String note, String email, String phone) {}

    private static Clean validate(String key, CashPaymentRequest r) {
        InvalidRequestException.Collector errors = new InvalidRequestException.Collector();
        if (key == null || !KEY.matcher(key).matches()) {
            errors.add(
                    "Idempotency-Key",
                    "the header is required: 8 to 100 letters, digits, '.', '_', ':' or '-' (a UUID made when the"
                            + " form opened), the same for a repeated click");
        }
        boolean byContract = r.contract() != null && !r.contract().isBlank();
        if (byContract == (r.accountId() != null)) {
            errors.add("contract", "give either contract or accountId");
        }
        if (r.amount() == null || r.amount().signum() <= 0) {
            errors.add("amount", "must be a positive amount");
        }
        String currency = r.currency() == null || r.currency().isBlank()
                ? null
                : r.currency().strip();
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            errors.add("currency", "must be an ISO 4217 code such as RUB");
        }
        String note = blankToNull(r.note());
        if (note != null && note.length() > MAX_NOTE) {
            errors.add("note", "must be at most " + MAX_NOTE + " characters");
        }
        String email = blankToNull(r.customerEmail());
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add("customerEmail", "must be an e-mail address");
        }
        String phone = blankToNull(r.customerPhone());
        if (phone != null) {
            phone = phone.replaceAll("[\\s()-]", "");
            if (!PHONE.matcher(phone).matches()) {
                errors.add("customerPhone", "must be a phone number, e.g. +79001234567");
            }
        }
        errors.throwIfAny();
        return new Clean(r.amount(), currency, note, email, phone);
    }

    private PayerAccount account(CashPaymentRequest r) {
        AccountLookup lookup = r.accountId() != null
                ? accounts.byId(r.accountId())
                : accounts.byContract(r.contract().strip());
        return switch (lookup) {
            case AccountLookup.Found found -> found.account();
            case AccountLookup.Unknown unknown ->
                throw r.accountId() != null
                        ? InvalidRequestException.of("accountId", "no account " + r.accountId())
                        : InvalidRequestException.of(
                                "contract",
                                "no account with contract " + r.contract().strip());
            case AccountLookup.Unavailable down -> throw new Unavailable(down.reason());
        };
    }

    private static ConflictException conflict(String key) {
        return new ConflictException(
                "the Idempotency-Key " + key + " was used for another cash payment; a new payment needs a new key");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Billing could not be asked about the account now: the cashier tries again shortly. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }
}
