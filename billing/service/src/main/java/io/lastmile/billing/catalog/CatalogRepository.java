package io.lastmile.billing.catalog;

import static io.lastmile.billing.db.Tables.SERVICE;
import static io.lastmile.billing.db.Tables.SERVICE_CHILD;
import static io.lastmile.billing.db.Tables.SERVICE_PRICE;

import io.lastmile.billing.db.tables.records.ServicePriceRecord;
import io.lastmile.billing.db.tables.records.ServiceRecord;
import io.lastmile.billing.period.MonthStyle;
import io.lastmile.billing.period.ServicePeriod;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
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

    /** The service row, locked against other changes (not against orders) until the transaction ends. */
    Optional<ServiceRecord> lock(long serviceId) {
        return db.selectFrom(SERVICE)
                .where(SERVICE.ID.eq(serviceId))
                .forNoKeyUpdate()
                .fetchOptional();
    }

    /** What the checks of a request need to know of the services it names, by id; unknown ids are missing. */
    Map<Long, ServiceRef> refs(Collection<Long> ids) {
        Map<Long, ServiceRef> refs = new HashMap<>();
        db.select(SERVICE.ID, SERVICE.NAME, SERVICE.CURRENCY, SERVICE.CHARGE_MODE, SERVICE.ARCHIVED)
                .from(SERVICE)
                .where(SERVICE.ID.in(ids))
                .forEach(r -> refs.put(
                        r.value1(),
                        new ServiceRef(
                                r.value1(), r.value2(), r.value3(), ChargeMode.valueOf(r.value4()), r.value5())));
        return refs;
    }

    /** A service named by a request (a follow-up, a child), as its checks see it. */
    record ServiceRef(long id, String name, String currency, ChargeMode chargeMode, boolean archived) {}

    /** The services not archived that turn into this one when they are not renewed. */
    List<Long> followedBy(long serviceId) {
        return db.select(SERVICE.ID)
                .from(SERVICE)
                .where(SERVICE.FOLLOW_UP_SERVICE_ID.eq(serviceId))
                .and(SERVICE.ARCHIVED.isFalse())
                .orderBy(SERVICE.ID)
                .fetch(SERVICE.ID);
    }

    /** The children of each of the given bundles (parents without children are missing). */
    Map<Long, List<Long>> childIds(Collection<Long> parentIds) {
        Map<Long, List<Long>> children = new HashMap<>();
        db.select(SERVICE_CHILD.PARENT_ID, SERVICE_CHILD.CHILD_ID)
                .from(SERVICE_CHILD)
                .where(SERVICE_CHILD.PARENT_ID.in(parentIds))
                .orderBy(SERVICE_CHILD.PARENT_ID, SERVICE_CHILD.POSITION)
                .forEach(r -> children.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(r.value2()));
        return children;
    }

    /**
     * Serialises changes of bundles until the transaction ends, so that two changes checked each
     * on its own cannot close a cycle between them. Reads of the catalog go on.
     */
    void lockBundles() {
        db.execute("LOCK TABLE service_child IN SHARE ROW EXCLUSIVE MODE");
    }

    long insert(ServiceRecord record, Instant now) {
        record.setCreatedAt(now.atOffset(ZoneOffset.UTC));
        record.setUpdatedAt(now.atOffset(ZoneOffset.UTC));
        return db.insertInto(SERVICE)
                .set(record)
                .returning(SERVICE.ID)
                .fetchSingle()
                .getId();
    }

    void update(ServiceRecord record, Instant now) {
        record.setUpdatedAt(now.atOffset(ZoneOffset.UTC));
        db.executeUpdate(record);
    }

    /** The bundle's parts become exactly these, in this order. */
    void replaceChildren(long parentId, List<Tariff.Child> children) {
        db.deleteFrom(SERVICE_CHILD).where(SERVICE_CHILD.PARENT_ID.eq(parentId)).execute();
        for (int i = 0; i < children.size(); i++) {
            db.insertInto(SERVICE_CHILD)
                    .set(SERVICE_CHILD.PARENT_ID, parentId)
                    .set(SERVICE_CHILD.CHILD_ID, children.get(i).serviceId())
                    .set(SERVICE_CHILD.QUANTITY, children.get(i).quantity())
                    .set(SERVICE_CHILD.POSITION, i)
                    .execute();
        }
    }

    /** The version with the latest effective date (also the highest number: dates grow with versions). */
    Optional<PriceVersion> latestPrice(long serviceId) {
        return db.selectFrom(SERVICE_PRICE)
                .where(SERVICE_PRICE.SERVICE_ID.eq(serviceId))
                .orderBy(SERVICE_PRICE.VERSION.desc())
                .limit(1)
                .fetchOptional()
                .map(CatalogRepository::price);
    }

    long insertPrice(long serviceId, int version, BigDecimal price, Instant effectiveFrom, Instant now, String actor) {
        return db.insertInto(SERVICE_PRICE)
                .set(SERVICE_PRICE.SERVICE_ID, serviceId)
                .set(SERVICE_PRICE.VERSION, version)
                .set(SERVICE_PRICE.PRICE, price)
                .set(SERVICE_PRICE.EFFECTIVE_FROM, effectiveFrom.atOffset(ZoneOffset.UTC))
                .set(SERVICE_PRICE.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                .set(SERVICE_PRICE.CREATED_BY, actor)
                .returning(SERVICE_PRICE.ID)
                .fetchSingle()
                .getId();
    }

    static JSONB json(Map<String, Object> settings) {
        return JSONB.valueOf(JSON.writeValueAsString(settings == null ? Map.of() : settings));
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
