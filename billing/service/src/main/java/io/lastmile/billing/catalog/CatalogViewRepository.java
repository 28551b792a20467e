package io.lastmile.billing.catalog;

import static io.lastmile.billing.db.Tables.SERVICE;
import static io.lastmile.billing.db.Tables.SERVICE_CHILD;
import static io.lastmile.billing.db.Tables.SERVICE_PRICE;

import io.lastmile.billing.api.PriceView;
import io.lastmile.billing.api.ServiceChildView;
import io.lastmile.billing.api.ServiceView;
import io.lastmile.billing.db.tables.records.ServicePriceRecord;
import io.lastmile.billing.db.tables.records.ServiceRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The catalog as the operator's API shows it: services with their price in force and parts, price lists. */
@Repository
class CatalogViewRepository {

    private final DSLContext db;

    CatalogViewRepository(DSLContext db) {
        this.db = db;
    }

    Optional<ServiceView> find(long id, Instant now) {
        return db.selectFrom(SERVICE).where(SERVICE.ID.eq(id)).fetchOptional().map(r -> views(List.of(r), now)
                .getFirst());
    }

    List<ServiceView> search(ServiceQuery q, int page, int size, Instant now) {
        return views(
                db.selectFrom(SERVICE)
                        .where(conditions(q))
                        .orderBy(SERVICE.ID)
                        .limit(size)
                        .offset((long) page * size)
                        .fetch(),
                now);
    }

    long count(ServiceQuery q) {
        return db.fetchCount(SERVICE, conditions(q));
    }

    /** Every version of the service's price, oldest first. */
    List<PriceView> prices(long serviceId, String currency, Instant now) {
        List<ServicePriceRecord> versions = db.selectFrom(SERVICE_PRICE)
                .where(SERVICE_PRICE.SERVICE_ID.eq(serviceId))
                .orderBy(SERVICE_PRICE.VERSION)
                .fetch();
        Long inForce = versions.stream()
                .filter(v -> !v.getEffectiveFrom().toInstant().isAfter(now))
                .reduce((a, b) -> b)
                .map(ServicePriceRecord::getId)
                .orElse(null);
        return versions.stream()
                .map(v -> new PriceView(
                        v.getId(),
                        v.getServiceId(),
                        v.getVersion(),
                        money(v.getPrice(), currency),
                        v.getEffectiveFrom().toInstant(),
                        v.getId().equals(inForce),
                        v.getCreatedAt().toInstant(),
                        v.getCreatedBy()))
                .toList();
    }

    private static Condition conditions(ServiceQuery q) {
        Condition c = DSL.noCondition();
        if (q.category() != null) {
            c = c.and(SERVICE.CATEGORY.like(likePattern(q.category().toLowerCase()), '!'));
        }
        if (q.name() != null) {
            c = c.and(DSL.lower(SERVICE.NAME).like("%" + escape(q.name().toLowerCase()) + "%", '!'));
        }
        if (q.orderable() != null) {
            c = c.and(SERVICE.ORDERABLE.eq(q.orderable()));
        }
        if (!q.includeArchived()) {
            c = c.and(SERVICE.ARCHIVED.isFalse());
        }
        return c;
    }

    /** The operator's pattern as LIKE sees it: {@code %} stays a wildcard, {@code _} is a plain character. */
    static String likePattern(String pattern) {
        return pattern.replace("!", "!!").replace("_", "!_");
    }

    private static String escape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** Views of the services, each with its price in force at {@code now} and its parts; three queries in all. */
    private List<ServiceView> views(List<ServiceRecord> services, Instant now) {
        if (services.isEmpty()) {
            return List.of();
        }
        List<Long> ids = services.stream().map(ServiceRecord::getId).toList();
        Map<Long, ServicePriceRecord> prices = new HashMap<>();
        db.selectDistinct(SERVICE_PRICE.fields())
                .on(SERVICE_PRICE.SERVICE_ID)
                .from(SERVICE_PRICE)
                .where(SERVICE_PRICE.SERVICE_ID.in(ids))
                .and(SERVICE_PRICE.EFFECTIVE_FROM.le(now.atOffset(ZoneOffset.UTC)))
                .orderBy(SERVICE_PRICE.SERVICE_ID, SERVICE_PRICE.EFFECTIVE_FROM.desc())
                .fetchInto(SERVICE_PRICE)
                .forEach(p -> prices.put(p.getServiceId(), p));
        Map<Long, List<ServiceChildView>> children = new HashMap<>();
        db.select(SERVICE_CHILD.PARENT_ID, SERVICE_CHILD.CHILD_ID, SERVICE.NAME, SERVICE_CHILD.QUANTITY)
                .from(SERVICE_CHILD)
                .join(SERVICE)
                .on(SERVICE.ID.eq(SERVICE_CHILD.CHILD_ID))
                .where(SERVICE_CHILD.PARENT_ID.in(ids))
                .orderBy(SERVICE_CHILD.PARENT_ID, SERVICE_CHILD.POSITION)
                .forEach(r -> children.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new ServiceChildView(r.value2(), r.value3(), r.value4())));
        return services.stream()
                .map(s -> view(s, prices.get(s.getId()), children.getOrDefault(s.getId(), List.of())))
                .toList();
    }

    private static ServiceView view(ServiceRecord r, ServicePriceRecord price, List<ServiceChildView> children) {
        return new ServiceView(
                r.getId(),
                r.getName(),
                r.getCategory(),
                r.getCurrency(),
                r.getPeriod(),
                r.getChargeMode(),
                r.getMonthStyle(),
                r.getOrderable(),
                r.getAutoRenew(),
                r.getFollowUpServiceId(),
                r.getChangeMode(),
                r.getNotifyDaysBefore(),
                r.getGraceDays(),
                r.getFreezeMinDays(),
                r.getFreezeMaxDays(),
                money(r.getFreezeMonthlyFee(), r.getCurrency()),
                CatalogRepository.settings(r),
                r.getArchived(),
                price == null ? null : money(price.getPrice(), r.getCurrency()),
                price == null ? null : price.getId(),
                price == null ? null : price.getVersion(),
                List.copyOf(children),
                r.getCreatedAt().toInstant(),
                r.getUpdatedAt().toInstant());
    }

    /** An amount at the currency's minor units (900.0000 RUB is shown as 900.00), never rounded. */
    static BigDecimal money(BigDecimal amount, String currency) {
        if (amount == null) {
            return null;
        }
        try {
            return amount.setScale(Currency.getInstance(currency).getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException | IllegalArgumentException e) {
            return amount.stripTrailingZeros();
        }
    }
}
