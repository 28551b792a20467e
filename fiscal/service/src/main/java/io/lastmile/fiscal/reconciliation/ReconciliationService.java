package io.lastmile.fiscal.reconciliation;

import io.lastmile.fiscal.payment.BookingResult;
import io.lastmile.fiscal.payment.IncomingPayment;
import io.lastmile.fiscal.payment.PaymentBook;
import io.lastmile.fiscal.payment.PaymentProvider;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderPayment;
import io.lastmile.fiscal.payment.ProviderSettings;
import io.lastmile.fiscal.payment.ProviderStatement;
import io.lastmile.fiscal.reconciliation.Reconciliation.Item;
import io.lastmile.fiscal.reconciliation.Reconciliation.Kind;
import io.lastmile.fiscal.reconciliation.ReconciliationRepository.OurPayment;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Compares each enabled provider's statement of a day with fiscal's payment rows of that
 * provider and day, stores what differs, and books a payment missing on our side on request.
 */
@Service
class ReconciliationService {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationService.class);

    private final ReconciliationRepository repository;
    private final List<PaymentProvider> providers;
    private final ObjectProvider<ProviderSettings> settings;
    private final ObjectProvider<PaymentBook> book;
    private final ReconciliationProperties properties;
    private final Clock clock;

    ReconciliationService(
            ReconciliationRepository repository,
            List<PaymentProvider> providers,
            ObjectProvider<ProviderSettings> settings,
            ObjectProvider<PaymentBook> book,
            ReconciliationProperties properties,
            Clock clock) {
        this.repository = repository;
        this.providers = providers;
        this.settings = settings;
        this.book = book;
        this.properties = properties;
        this.clock = clock;
    }

    /** Each minute: once the configured time has passed, yesterday is reconciled for each provider not done yet. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void daily() {
        if (!properties.enabled()) {
            return;
        }
        ZonedDateTime now = clock.instant().atZone(properties.zone());
        if (now.toLocalTime().isBefore(properties.time())) {
            return;
        }
        LocalDate yesterday = now.toLocalDate().minusDays(1);
        for (PaymentProvider provider : statementProviders()) {
            if (!repository.exists(yesterday, provider.name())) {
                run(yesterday, provider);
            }
        }
    }

    /** Reconciles a day for every enabled provider with a statement; answers their results. */
    List<Reconciliation> run(LocalDate day) {
        List<Reconciliation> done = new ArrayList<>();
        for (PaymentProvider provider : statementProviders()) {
            run(day, provider).ifPresent(done::add);
        }
        return done;
    }

    private java.util.Optional<Reconciliation> run(LocalDate day, PaymentProvider provider) {
        ProviderSettings all = settings.getIfAvailable();
        ProviderConfig config = all == null ? ProviderConfig.disabled(provider.name()) : all.of(provider.name());
        if (!config.enabled()) {
            return java.util.Optional.empty();
        }
        Instant from = day.atStartOfDay(properties.zone()).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(properties.zone()).toInstant();
        Reconciliation result;
        try {
            List<ProviderPayment> theirs = ((ProviderStatement) provider)
                    .payments(day, properties.zone(), config).stream()
                            .filter(p -> p.status() == ProviderPayment.Status.PAID)
                            .toList();
            List<OurPayment> ours = repository.ours(provider.name(), from, to);
            List<Item> items = compare(provider.name(), theirs, ours);
            result = new Reconciliation(
                    0,
                    day,
                    provider.name(),
                    items.isEmpty() ? "MATCHED" : "DIFFERENCES",
                    theirs.size(),
                    ours.size(),
                    null,
                    clock.instant(),
                    items);
        } catch (RuntimeException e) {
            log.warn("reconciliation of {} for {} failed: {}", provider.name(), day, e.getMessage());
            result = new Reconciliation(
                    0, day, provider.name(), "ERROR", 0, 0, e.getMessage(), clock.instant(), List.of());
        }
        return repository.get(repository.save(result));
    }

    private List<Item> compare(String provider, List<ProviderPayment> theirs, List<OurPayment> ours) {
        Map<String, OurPayment> byId =
                ours.stream().collect(Collectors.toMap(OurPayment::providerPaymentId, Function.identity()));
        List<Item> items = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ProviderPayment p : theirs) {
            seen.add(p.providerPaymentId());
            OurPayment our = byId.get(p.providerPaymentId());
            if (our == null) {
                // booked on another day (a late notification) is not missing
                Long elsewhere =
                        repository.paymentId(provider, p.providerPaymentId()).orElse(null);
                if (elsewhere == null) {
                    items.add(item(Kind.MISSING_OURS, p, null, null));
                }
            } else if (our.amount().compareTo(p.amount()) != 0
                    || !our.currency().trim().equals(p.currency())) {
                items.add(item(Kind.AMOUNT_DIFFERS, p, our.id(), our));
            }
        }
        for (OurPayment our : ours) {
            if (!seen.contains(our.providerPaymentId())) {
                items.add(new Item(
                        0,
                        Kind.MISSING_PROVIDER,
                        our.providerPaymentId(),
                        our.id(),
                        null,
                        null,
                        null,
                        our.amount(),
                        our.currency(),
                        null,
                        null,
                        null));
            }
        }
        return items;
    }

    private static Item item(Kind kind, ProviderPayment p, Long paymentId, OurPayment our) {
        return new Item(
                0,
                kind,
                p.providerPaymentId(),
                paymentId,
                p.invoiceId(),
                p.contract(),
                p.amount(),
                our == null ? null : our.amount(),
                p.currency(),
                p.paidAt(),
                null,
                null);
    }

    /** Books a payment the provider has and fiscal lacks, through the payment book (idempotent). */
    BookingResult importMissing(long reconciliationId, long itemId) {
        Reconciliation r = repository
                .get(reconciliationId)
                .orElseThrow(() -> new NotFoundException("no reconciliation with id " + reconciliationId));
        Item item = r.items().stream()
                .filter(i -> i.id() == itemId)
                .findFirst()
                .orElseThrow(
                        () -> new NotFoundException("no item " + itemId + " in reconciliation " + reconciliationId));
        if (item.kind() != Kind.MISSING_OURS) {
            throw new ConflictException(
                    "item " + itemId + " is " + item.kind() + "; only a MISSING_OURS one is imported");
        }
        if (item.contract() == null && item.invoiceId() == null) {
            throw InvalidRequestException.of(
                    "item", "the provider gave neither a contract nor an invoice: book it at the cash desk");
        }
        PaymentBook payments = book.getIfAvailable();
        if (payments == null) {
            throw new ConflictException("payments cannot be booked yet: no payment book in this build");
        }
        ProviderSettings all = settings.getIfAvailable();
        boolean testMode = all != null && all.of(r.provider()).testMode();
        BookingResult result = payments.receive(new IncomingPayment(
                r.provider(),
                item.providerPaymentId(),
                item.contract(),
                item.invoiceId(),
                item.providerAmount(),
                item.currency(),
                item.paidAt() == null ? clock.instant() : item.paidAt(),
                testMode,
                null,
                null,
                Map.of("source", "reconciliation", "reconciliation", String.valueOf(reconciliationId))));
        if (result.accepted() && result.paymentId() != null) {
            repository.imported(itemId, result.paymentId(), clock.instant());
        }
        return result;
    }

    List<Reconciliation> find(LocalDate from, LocalDate to, String provider, int limit) {
        return repository.find(from, to, provider, limit);
    }

    Reconciliation get(long id) {
        return repository.get(id).orElseThrow(() -> new NotFoundException("no reconciliation with id " + id));
    }

    private List<PaymentProvider> statementProviders() {
        return providers.stream().filter(p -> p instanceof ProviderStatement).toList();
    }
}
