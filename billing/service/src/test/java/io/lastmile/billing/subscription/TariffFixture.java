package io.lastmile.billing.subscription;

import static io.lastmile.billing.db.Tables.SERVICE;
import static io.lastmile.billing.db.Tables.SERVICE_CHILD;
import static io.lastmile.billing.db.Tables.SERVICE_PRICE;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * Puts tariffs straight into the catalog tables, so that subscription tests do not depend on the
 * catalog API's shape. Defaults: a monthly whole-period tariff in RUB, auto-renewed, no grace.
 */
final class TariffFixture {

    private static final OffsetDateTime LONG_AGO = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static int counter;

    private final DSLContext db;
    private String name = "Tariff";
    private String category = "internet";
    private String period = "P1M";
    private String chargeMode = "PERIOD";
    private String monthStyle = "CALENDAR";
    private boolean autoRenew = true;
    private Long followUp;
    private String changeMode = "NOW";
    private int notifyDaysBefore = 3;
    private int graceDays;
    private Integer freezeMin;
    private Integer freezeMax;
    private BigDecimal freezeFee;
    private String currency = "RUB";

    TariffFixture(DSLContext db) {
        this.db = db;
    }

    TariffFixture daily() {
        chargeMode = "DAILY";
        return this;
    }

    TariffFixture once() {
        chargeMode = "ONCE";
        period = null;
        return this;
    }

    TariffFixture period(String iso) {
        period = iso;
        return this;
    }

    TariffFixture thirtyDayMonths() {
        monthStyle = "THIRTY_DAY";
        return this;
    }

    TariffFixture noRenewal(Long followUpServiceId) {
        autoRenew = false;
        followUp = followUpServiceId;
        return this;
    }

    TariffFixture changeAtPeriodEnd() {
        changeMode = "PERIOD_END";
        return this;
    }

    TariffFixture grace(int days) {
        graceDays = days;
        return this;
    }

    TariffFixture notifyDaysBefore(int days) {
        notifyDaysBefore = days;
        return this;
    }

    TariffFixture freeze(int min, int max, String monthlyFee) {
        freezeMin = min;
        freezeMax = max;
        freezeFee = monthlyFee == null ? null : new BigDecimal(monthlyFee);
        return this;
    }

    TariffFixture category(String category) {
        this.category = category;
        return this;
    }

    TariffFixture currency(String currency) {
        this.currency = currency;
        return this;
    }

    /** Creates the service with its first price, in force since long ago; answers its id. */
    long create(String price) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long id = db.insertInto(SERVICE)
                .set(SERVICE.NAME, name + " " + (++counter))
                .set(SERVICE.CATEGORY, category)
                .set(SERVICE.CURRENCY, currency)
                .set(SERVICE.PERIOD, period)
                .set(SERVICE.CHARGE_MODE, chargeMode)
                .set(SERVICE.MONTH_STYLE, monthStyle)
                .set(SERVICE.ORDERABLE, true)
                .set(SERVICE.AUTO_RENEW, autoRenew)
                .set(SERVICE.FOLLOW_UP_SERVICE_ID, followUp)
                .set(SERVICE.CHANGE_MODE, changeMode)
                .set(SERVICE.NOTIFY_DAYS_BEFORE, notifyDaysBefore)
                .set(SERVICE.GRACE_DAYS, graceDays)
                .set(SERVICE.FREEZE_MIN_DAYS, freezeMin)
                .set(SERVICE.FREEZE_MAX_DAYS, freezeMax)
                .set(SERVICE.FREEZE_MONTHLY_FEE, freezeFee)
                .set(SERVICE.SETTINGS, JSONB.valueOf("{}"))
                .set(SERVICE.CREATED_AT, now)
                .set(SERVICE.UPDATED_AT, now)
                .returning(SERVICE.ID)
                .fetchSingle()
                .getId();
        addPrice(db, id, 1, price, LONG_AGO.toInstant());
        return id;
    }

    static void addPrice(DSLContext db, long serviceId, int version, String price, Instant effectiveFrom) {
        db.insertInto(SERVICE_PRICE)
                .set(SERVICE_PRICE.SERVICE_ID, serviceId)
                .set(SERVICE_PRICE.VERSION, version)
                .set(SERVICE_PRICE.PRICE, new BigDecimal(price))
                .set(SERVICE_PRICE.EFFECTIVE_FROM, effectiveFrom.atOffset(ZoneOffset.UTC))
                .set(SERVICE_PRICE.CREATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .set(SERVICE_PRICE.CREATED_BY, "test")
                .execute();
    }

    static void addChild(DSLContext db, long parentId, long childId, int quantity, int position) {
        db.insertInto(SERVICE_CHILD)
                .set(SERVICE_CHILD.PARENT_ID, parentId)
                .set(SERVICE_CHILD.CHILD_ID, childId)
                .set(SERVICE_CHILD.QUANTITY, quantity)
                .set(SERVICE_CHILD.POSITION, position)
                .execute();
    }
}
