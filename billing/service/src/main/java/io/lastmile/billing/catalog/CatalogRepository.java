package io.lastmile.billing.catalog;

import static io.lastmile.billing.db.Tables.SERVICE;
import static io.lastmile.billing.db.Tables.SERVICE_CHILD;
import static io.lastmile.billing.db.Tables.SERVICE_PRICE;

import io.lastmile.billing.db.tables.records.ServicePriceRecord;
import io.lastmile.billing.db.tables.records.ServiceRecord;
import io.lastmile.billing.period.MonthStyle;
import io.lastmile.billing.period.ServicePeriod;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class CatalogRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DSLContext db;

    CatalogRepository(DSLContext db) {
        this.db = db;
    }

    Optional<Tariff> tariff(long serviceId) {
        return db.selectFrom(SERVICE)
                .where(SERVICE.ID.eq(serviceId))
                .fetchOptional()
                .map(this::tariff);
    }

    Optional<PriceVersion> priceAt(long serviceId, Instant at) {
        return db.selectFrom(SERVICE_PRICE)
                .where(SERVICE_PRICE.SERVICE_ID.eq(serviceId))
                .and(SERVICE_PRICE.EFFECTIVE_FROM.le(at.atOffset(ZoneOffset.UTC)))
                .orderBy(SERVICE_PRICE.EFFECTIVE_FROM.desc())
                .limit(1)
                .fetchOptional()
                .map(CatalogRepository::price);
    }

    Optional<PriceVersion> price(long priceId) {
        return db.selectFrom(SERVICE_PRICE)
                .where(SERVICE_PRICE.ID.eq(priceId))
                .fetchOptional()
                .map(CatalogRepository::price);
    }

    static PriceVersion price(ServicePriceRecord r) {
        return new PriceVersion(
                r.getId(),
                r.getServiceId(),
                r.getVersion(),
                r.getPrice(),
                r.getEffectiveFrom().toInstant());
    }

    private Tariff tariff(ServiceRecord r) {
        var children = db.select(SERVICE_CHILD.CHILD_ID, SERVICE_CHILD.QUANTITY)
                .from(SERVICE_CHILD)
                .where(SERVICE_CHILD.PARENT_ID.eq(r.getId()))
                .orderBy(SERVICE_CHILD.POSITION)
                .fetch(c -> new Tariff.Child(c.value1(), c.value2()));
        return new Tariff(
                r.getId(),
                r.getName(),
                r.getCategory(),
                r.getCurrency(),
                r.getPeriod() == null ? null : ServicePeriod.parse(r.getPeriod()),
                ChargeMode.valueOf(r.getChargeMode()),
                MonthStyle.valueOf(r.getMonthStyle()),
                r.getOrderable(),
                r.getAutoRenew(),
                r.getFollowUpServiceId(),
                ChangeMode.valueOf(r.getChangeMode()),
                r.getNotifyDaysBefore(),
                r.getGraceDays(),
                r.getFreezeMinDays(),
                r.getFreezeMaxDays(),
                r.getFreezeMonthlyFee(),
                r.getArchived(),
                children,
                settings(r));
    }

    static Map<String, Object> settings(ServiceRecord r) {
        return JSON.readValue(r.getSettings().data(), new TypeReference<Map<String, Object>>() {});
    }
}
