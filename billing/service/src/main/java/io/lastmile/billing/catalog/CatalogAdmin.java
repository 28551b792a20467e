package io.lastmile.billing.catalog;

import io.lastmile.billing.api.NewPrice;
import io.lastmile.billing.api.NewService;
import io.lastmile.billing.api.Page;
import io.lastmile.billing.api.PriceView;
import io.lastmile.billing.api.ServicePatch;
import io.lastmile.billing.api.ServiceView;
import io.lastmile.billing.db.tables.records.ServiceRecord;
import io.lastmile.billing.period.MonthStyle;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The operator's side of the catalog: services created, listed, changed and archived, and their price versions. */
@Service
class CatalogAdmin {

    /** How far in the past a new price may take effect: the time a request takes, not a rewrite of history. */
    static final Duration PRICE_BACKDATING = Duration.ofMinutes(1);

    private static final Set<String> CLEARABLE =
            Set.of("followUpServiceId", "freezeMinDays", "freezeMaxDays", "freezeMonthlyFee");

    private final CatalogRepository catalog;
    private final CatalogViewRepository views;
    private final Bundles bundles;
    private final Clock clock;

    CatalogAdmin(CatalogRepository catalog, CatalogViewRepository views, Bundles bundles, Clock clock) {
        this.catalog = catalog;
        this.views = views;
        this.bundles = bundles;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    ServiceView get(long id) {
        return views.find(id, now()).orElseThrow(() -> missing(id));
    }

    @Transactional(readOnly = true)
    Page<ServiceView> search(ServiceQuery query, int page, int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw InvalidRequestException.of("size", "page must be 0 or more and size 1 to 500");
        }
        return new Page<>(views.search(query, page, size, now()), views.count(query), page, size);
    }

    @Transactional
    ServiceView create(NewService r, String actor) {
        var p = new InvalidRequestException.Collector();
        required(p, "name", r.name());
        required(p, "category", r.category());
        required(p, "price", r.price());
        required(p, "chargeMode", r.chargeMode());
        CatalogRules.name(p, r.name());
        CatalogRules.category(p, r.category());
        Currency currency = CatalogRules.currency(p, r.currency() == null ? "RUB" : r.currency());
        CatalogRules.amount(p, "price", r.price(), currency);
        ChargeMode mode = CatalogRules.chargeMode(p, r.chargeMode());
        String period = mode != null
                ? period(p, r.period(), null, mode)
                : r.period() == null ? null : CatalogRules.period(p, r.period());
        MonthStyle monthStyle = CatalogRules.monthStyle(p, r.monthStyle());
        ChangeMode changeMode = CatalogRules.changeMode(p, r.changeMode());
        CatalogRules.days(p, "notifyDaysBefore", r.notifyDaysBefore(), 0, 60);
        CatalogRules.days(p, "graceDays", r.graceDays(), 0, 60);
        CatalogRules.freeze(p, r.freezeMinDays(), r.freezeMaxDays(), r.freezeMonthlyFee(), currency);
        if (r.followUpServiceId() != null) {
            followUp(p, r.followUpServiceId(), currency, null, mode);
        }
        List<Tariff.Child> children = bundles.check(p, r.children(), null);
        p.throwIfAny();

        ServiceRecord s = new ServiceRecord();
        s.setName(r.name().strip());
        s.setCategory(r.category());
        s.setCurrency(currency.getCurrencyCode());
        s.setPeriod(period);
        s.setChargeMode(mode.name());
        s.setMonthStyle((monthStyle == null ? MonthStyle.CALENDAR : monthStyle).name());
        s.setOrderable(r.orderable() != null && r.orderable());
        s.setAutoRenew(r.autoRenew() == null || r.autoRenew());
        s.setFollowUpServiceId(r.followUpServiceId());
        s.setChangeMode((changeMode == null ? ChangeMode.NOW : changeMode).name());
        s.setNotifyDaysBefore(r.notifyDaysBefore() == null ? 3 : r.notifyDaysBefore());
        s.setGraceDays(r.graceDays() == null ? 0 : r.graceDays());
        s.setFreezeMinDays(r.freezeMinDays());
        s.setFreezeMaxDays(r.freezeMaxDays());
        s.setFreezeMonthlyFee(r.freezeMonthlyFee());
        s.setSettings(CatalogRepository.json(r.settings()));
        s.setArchived(false);
        Instant now = now();
        long id = catalog.insert(s, now);
        catalog.replaceChildren(id, children);
        catalog.insertPrice(id, 1, r.price(), now, now, actor);
        return views.find(id, now).orElseThrow();
    }

    /**
     * Changes the fields given, checks the service as it would then be, and stores it if all is well.
     *
     * @param given the fields the request body named, to refuse those that never change here
     *     (currency, price) rather than ignore them
     */
    @Transactional
    ServiceView change(long id, ServicePatch patch, Set<String> given) {
        if (patch.children() != null) {
            catalog.lockBundles(); // before the row: every change of bundles locks in this order
        }
        ServiceRecord s = catalog.lock(id).orElseThrow(() -> missing(id));
        boolean wasOnce = s.getChargeMode().equals(ChargeMode.ONCE.name());
        Long followUpBefore = s.getFollowUpServiceId();
        var p = new InvalidRequestException.Collector();
        if (given.contains("currency")) {
            p.add("currency", "never changes; a service in another currency is a new service");
        }
        if (given.contains("price")) {
            p.add("price", "changes by a new price version: POST /api/v1/catalog/services/" + id + "/prices");
        }
        Set<String> clear = clear(p, patch);
        edit(p, s, patch, clear); // in memory only until every check has passed
        ChargeMode mode = ChargeMode.valueOf(s.getChargeMode());
        s.setPeriod(period(p, patch.period(), s.getPeriod(), mode));
        Currency currency = Currency.getInstance(s.getCurrency());
        CatalogRules.freeze(p, s.getFreezeMinDays(), s.getFreezeMaxDays(), s.getFreezeMonthlyFee(), currency);
        if (patch.followUpServiceId() != null && !patch.followUpServiceId().equals(followUpBefore)) {
            followUp(p, patch.followUpServiceId(), currency, id, mode);
        } else if (s.getFollowUpServiceId() != null && mode == ChargeMode.ONCE) {
            p.add("followUpServiceId", "a one-off (ONCE) service never ends, so it has no follow-up; clear it");
        }
        if (mode == ChargeMode.ONCE && !wasOnce) {
            List<Long> followers = catalog.followedBy(id);
            if (!followers.isEmpty()) {
                p.add(
                        "chargeMode",
                        "services " + followers + " turn into this one when not renewed; it must keep a period");
            }
        }
        List<Tariff.Child> children = bundles.check(p, patch.children(), id);
        p.throwIfAny();

        Instant now = now();
        catalog.update(s, now);
        if (patch.children() != null) {
            catalog.replaceChildren(id, children);
        }
        return views.find(id, now).orElseThrow();
    }

    /** Sets each field the change gives (or clears) on the record, checking it on its own. */
    private static void edit(
            InvalidRequestException.Collector p, ServiceRecord s, ServicePatch patch, Set<String> clear) {
        CatalogRules.name(p, patch.name());
        CatalogRules.category(p, patch.category());
        CatalogRules.days(p, "notifyDaysBefore", patch.notifyDaysBefore(), 0, 60);
        CatalogRules.days(p, "graceDays", patch.graceDays(), 0, 60);
        ChargeMode mode = CatalogRules.chargeMode(p, patch.chargeMode());
        MonthStyle monthStyle = CatalogRules.monthStyle(p, patch.monthStyle());
        ChangeMode changeMode = CatalogRules.changeMode(p, patch.changeMode());
        if (patch.name() != null) s.setName(patch.name().strip());
        if (patch.category() != null) s.setCategory(patch.category());
        if (mode != null) s.setChargeMode(mode.name());
        if (monthStyle != null) s.setMonthStyle(monthStyle.name());
        if (patch.orderable() != null) s.setOrderable(patch.orderable());
        if (patch.autoRenew() != null) s.setAutoRenew(patch.autoRenew());
        if (changeMode != null) s.setChangeMode(changeMode.name());
        if (patch.notifyDaysBefore() != null) s.setNotifyDaysBefore(patch.notifyDaysBefore());
        if (patch.graceDays() != null) s.setGraceDays(patch.graceDays());
        if (patch.settings() != null) s.setSettings(CatalogRepository.json(patch.settings()));
        if (patch.archived() != null) s.setArchived(patch.archived());
        s.setFollowUpServiceId(merged(clear, "followUpServiceId", patch.followUpServiceId(), s.getFollowUpServiceId()));
        s.setFreezeMinDays(merged(clear, "freezeMinDays", patch.freezeMinDays(), s.getFreezeMinDays()));
        s.setFreezeMaxDays(merged(clear, "freezeMaxDays", patch.freezeMaxDays(), s.getFreezeMaxDays()));
        s.setFreezeMonthlyFee(merged(clear, "freezeMonthlyFee", patch.freezeMonthlyFee(), s.getFreezeMonthlyFee()));
    }

    @Transactional
    PriceView addPrice(long serviceId, NewPrice r, String actor) {
        ServiceRecord s = catalog.lock(serviceId).orElseThrow(() -> missing(serviceId));
        Instant now = now();
        var p = new InvalidRequestException.Collector();
        required(p, "price", r.price());
        CatalogRules.amount(p, "price", r.price(), Currency.getInstance(s.getCurrency()));
        Instant from = r.effectiveFrom() == null ? now : r.effectiveFrom().truncatedTo(ChronoUnit.MICROS);
        PriceVersion latest = catalog.latestPrice(serviceId).orElse(null);
        if (from.isBefore(now.minus(PRICE_BACKDATING))) {
            p.add("effectiveFrom", from + " is in the past; a new price takes effect from now (" + now + ") or later");
        } else if (latest != null && !from.isAfter(latest.effectiveFrom())) {
            p.add(
                    "effectiveFrom",
                    "must be after " + latest.effectiveFrom() + ", when the latest version (" + latest.version()
                            + ") takes effect");
        }
        p.throwIfAny();
        int version = latest == null ? 1 : latest.version() + 1;
        long id = catalog.insertPrice(serviceId, version, r.price(), from, now, actor);
        return views.prices(serviceId, s.getCurrency(), now).stream()
                .filter(v -> v.id() == id)
                .findFirst()
                .orElseThrow();
    }

    @Transactional(readOnly = true)
    List<PriceView> prices(long serviceId) {
        var service = catalog.refs(List.of(serviceId)).get(serviceId);
        if (service == null) {
            throw missing(serviceId);
        }
        return views.prices(serviceId, service.currency(), now());
    }

    /** The follow-up must exist, be sold, have a period, and be in the same currency. */
    private void followUp(
            InvalidRequestException.Collector p, long followUpId, Currency currency, Long selfId, ChargeMode mode) {
        var target = catalog.refs(List.of(followUpId)).get(followUpId);
        if (mode == ChargeMode.ONCE) {
            p.add("followUpServiceId", "a one-off (ONCE) service never ends, so it has no follow-up");
        } else if (Long.valueOf(followUpId).equals(selfId)) {
            p.add("followUpServiceId", "cannot be the service itself; to renew it, set autoRenew");
        } else if (target == null) {
            p.add("followUpServiceId", "no service with id " + followUpId);
        } else if (target.archived()) {
            p.add("followUpServiceId", "service " + followUpId + " is archived");
        } else if (target.chargeMode() == ChargeMode.ONCE) {
            p.add(
                    "followUpServiceId",
                    "service " + followUpId + " is one-off (ONCE); a subscription cannot go on with it");
        } else if (currency != null && !target.currency().equals(currency.getCurrencyCode())) {
            p.add(
                    "followUpServiceId",
                    "service " + followUpId + " is in " + target.currency() + ", this one in "
                            + currency.getCurrencyCode() + "; the follow-up must be in the same currency");
        }
    }

    /**
     * The period a service of this charge mode stores: none for ONCE (a period given is refused,
     * one stored is dropped), else the one given in its ISO form, else the one stored; a periodic
     * service without one is refused.
     */
    private static String period(InvalidRequestException.Collector p, String given, String stored, ChargeMode mode) {
        if (mode == ChargeMode.ONCE) {
            if (given != null) {
                p.add("period", "a one-off (ONCE) service has no period; leave it out");
            }
            return null;
        }
        if (given != null) {
            return CatalogRules.period(p, given);
        }
        if (stored == null) {
            p.add("period", "is required for " + mode + " services, e.g. P1M");
        }
        return stored;
    }

    private static Set<String> clear(InvalidRequestException.Collector p, ServicePatch patch) {
        if (patch.clear() == null) {
            return Set.of();
        }
        for (String field : patch.clear()) {
            if (field == null || !CLEARABLE.contains(field)) {
                p.add(
                        "clear",
                        "'" + field + "' cannot be cleared; only "
                                + String.join(", ", CLEARABLE.stream().sorted().toList()) + " can");
            }
        }
        if (patch.clear().contains("followUpServiceId") && patch.followUpServiceId() != null
                || patch.clear().contains("freezeMinDays") && patch.freezeMinDays() != null
                || patch.clear().contains("freezeMaxDays") && patch.freezeMaxDays() != null
                || patch.clear().contains("freezeMonthlyFee") && patch.freezeMonthlyFee() != null) {
            p.add("clear", "names a field that is also given; either give a value or clear it");
        }
        return patch.clear().stream()
                .filter(f -> f != null && CLEARABLE.contains(f))
                .collect(Collectors.toSet());
    }

    /** The value after the change: the one given, else none if cleared, else the one stored. */
    private static <T> T merged(Set<String> clear, String field, T given, T stored) {
        if (given != null) {
            return given;
        }
        return clear.contains(field) ? null : stored;
    }

    private static void required(InvalidRequestException.Collector p, String field, Object value) {
        if (value == null) {
            p.add(field, "is required");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static NotFoundException missing(long id) {
        return new NotFoundException("no service with id " + id);
    }
}
