package io.lastmile.fiscal.invoice;

import io.lastmile.fiscal.book.Amounts;
import io.lastmile.fiscal.book.InvoiceRepository;
import io.lastmile.fiscal.payment.AccountDirectory;
import io.lastmile.fiscal.payment.AccountLookup;
import io.lastmile.fiscal.payment.Checkout;
import io.lastmile.fiscal.payment.Invoice;
import io.lastmile.fiscal.payment.PayerAccount;
import io.lastmile.fiscal.payment.PaymentPages;
import io.lastmile.fiscal.payment.PaymentProvider;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderSettings;
import io.lastmile.fiscal.payment.ProviderUnavailableException;
import io.lastmile.platform.security.AccountScope;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Starts payments: checks the request, makes the invoice (OPEN for {@code ttl}), and asks the
 * provider's adapter for the payment page. A provider that does not answer leaves the invoice
 * CANCELLED, not OPEN.
 */
@Service
@EnableConfigurationProperties(InvoiceProperties.class)
class InvoiceDesk {

    private static final Logger log = LoggerFactory.getLogger(InvoiceDesk.class);
    /** numeric(19, 4): 15 digits before the point. */
    private static final int MAX_INTEGER_DIGITS = 15;

    private final InvoiceRepository invoices;
    private final InvoiceQueryRepository views;
    private final AccountDirectory accounts;
    private final ProviderSettings settings;
    private final List<PaymentProvider> providers;
    private final SuggestedAmounts suggested;
    private final InvoiceProperties properties;
    private final Clock clock;

    InvoiceDesk(
            InvoiceRepository invoices,
            InvoiceQueryRepository views,
            AccountDirectory accounts,
            ProviderSettings settings,
            List<PaymentProvider> providers,
            SuggestedAmounts suggested,
            InvoiceProperties properties,
            Clock clock) {
        this.invoices = invoices;
        this.views = views;
        this.accounts = accounts;
        this.settings = settings;
        this.providers = providers;
        this.suggested = suggested;
        this.properties = properties;
        this.clock = clock;
    }

    CreatedInvoice create(NewInvoice request, Long ownAccount) {
        Long accountId = request.accountId() == null ? ownAccount : request.accountId();
        InvalidRequestException.Collector errors = new InvalidRequestException.Collector();
        if (accountId == null) {
            errors.add("accountId", "is required");
        }
        String provider =
                request.provider() == null ? "" : request.provider().strip().toLowerCase(Locale.ROOT);
        if (provider.isEmpty()) {
            errors.add("provider", "is required");
        }
        checkReturnUrl(request.returnUrl(), errors);
        if (request.amount() != null && request.amount().signum() <= 0) {
            errors.add("amount", "must be positive");
        }
        errors.throwIfAny();
        AccountScope.require(accountId);
        PaymentPages pages = pages(provider);
        ProviderConfig config = settings.of(provider);
        if (!config.enabled()) {
            throw InvalidRequestException.of("provider", provider + " is not enabled");
        }
        PayerAccount account = account(accountId);
        if (request.currency() != null && !request.currency().equals(account.currency())) {
            throw InvalidRequestException.of(
                    "currency", "the account is in " + account.currency() + ", not " + request.currency());
        }
        BigDecimal amount = request.amount() == null ? suggestedAmount(account) : request.amount();
        String problem = Amounts.problem(amount, account.currency());
        if (problem == null && amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            problem = "the amount " + amount.toPlainString() + " is too large";
        }
        if (problem != null) {
            throw InvalidRequestException.of("amount", problem);
        }
        Instant now = clock.instant();
        long id = invoices.create(
                account.id(),
                account.contract(),
                provider,
                amount,
                account.currency(),
                "Payment for contract " + account.contract(),
                blankToNull(request.email(), account.email()),
                blankToNull(request.phone(), account.phone()),
                now,
                now.plus(properties.ttl()));
        Invoice invoice = invoices.find(id).orElseThrow().invoice();
        Checkout checkout = checkout(pages, invoice, config, request.returnUrl());
        if (checkout.providerPaymentId() != null) {
            invoices.setProviderPaymentId(id, checkout.providerPaymentId());
        }
        return new CreatedInvoice(views.get(id).orElseThrow(), CreatedInvoice.PaymentPage.of(checkout));
    }

    SuggestedAmount suggested(long accountId) {
        AccountScope.require(accountId);
        return suggested.of(accountId);
    }

    InvoiceView get(long id) {
        InvoiceView invoice = views.get(id).orElseThrow(() -> notFound(id));
        AccountScope.require(invoice.accountId(), () -> "no invoice with id " + id);
        return invoice;
    }

    InvoiceView cancel(long id) {
        InvoiceView invoice = get(id);
        if (!invoices.cancel(id)) {
            throw new ConflictException("invoice " + id + " is "
                    + views.get(id).orElseThrow().status().toLowerCase(Locale.ROOT)
                    + "; only an open invoice can be cancelled");
        }
        return views.get(invoice.id()).orElseThrow();
    }

    private Checkout checkout(PaymentPages pages, Invoice invoice, ProviderConfig config, String returnUrl) {
        try {
            return pages.checkout(invoice, config, returnUrl);
        } catch (ProviderUnavailableException e) {
            invoices.cancel(invoice.id());
            log.warn("invoice {}: {} made no payment page: {}", invoice.id(), invoice.provider(), e.getMessage());
            throw new UpstreamException(
                    HttpStatus.BAD_GATEWAY,
                    invoice.provider() + " did not make the payment page (" + e.getMessage() + "); invoice "
                            + invoice.id() + " is cancelled, try again later");
        } catch (IllegalStateException e) {
            invoices.cancel(invoice.id());
            log.warn("invoice {}: {} is not set up: {}", invoice.id(), invoice.provider(), e.getMessage());
            throw new UpstreamException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    invoice.provider() + " is not set up to make payment pages; invoice " + invoice.id()
                            + " is cancelled");
        } catch (RuntimeException e) {
            // the adapter refused the invoice (a currency it does not take ...): answered as it says
            invoices.cancel(invoice.id());
            throw e;
        }
    }

    private PaymentPages pages(String name) {
        PaymentProvider provider = providers.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> InvalidRequestException.of("provider", "no provider " + name));
        if (!(provider instanceof PaymentPages pages)) {
            throw InvalidRequestException.of("provider", name + " has no payment pages");
        }
        return pages;
    }

    private PayerAccount account(long accountId) {
        return switch (accounts.byId(accountId)) {
            case AccountLookup.Found found -> found.account();
            case AccountLookup.Unknown unknown -> throw new NotFoundException("no account with id " + accountId);
            case AccountLookup.Unavailable down ->
                throw new UpstreamException(
                        HttpStatus.SERVICE_UNAVAILABLE, "billing did not answer (" + down.reason() + "); try again");
        };
    }

    private BigDecimal suggestedAmount(PayerAccount account) {
        SuggestedAmount s = suggested.of(account.id());
        if (s.amount().signum() <= 0) {
            throw InvalidRequestException.of(
                    "amount",
                    "nothing is due for the next " + properties.forecastDays() + " days; give the amount to pay");
        }
        return s.amount();
    }

    private static void checkReturnUrl(String url, InvalidRequestException.Collector errors) {
        if (url == null || url.isBlank()) {
            errors.add("returnUrl", "is required");
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                errors.add("returnUrl", "must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            errors.add("returnUrl", "must be an absolute http(s) URL");
        }
    }

    private static String blankToNull(String given, String fallback) {
        return given == null || given.isBlank() ? fallback : given.strip();
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("no invoice with id " + id);
    }
}
