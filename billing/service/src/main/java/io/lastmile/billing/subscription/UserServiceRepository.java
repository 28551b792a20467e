package io.lastmile.billing.subscription;

import static io.lastmile.billing.db.Tables.ACCOUNT;
import static io.lastmile.billing.db.Tables.LEDGER_ENTRY;
import static io.lastmile.billing.db.Tables.USER_SERVICE;
import static io.lastmile.billing.db.Tables.USER_SERVICE_EVENT;

import io.lastmile.billing.db.tables.records.LedgerEntryRecord;
import io.lastmile.billing.db.tables.records.UserServiceRecord;
import io.lastmile.billing.sql.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class UserServiceRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DSLContext db;
    private final Jdbc jdbc;

    UserServiceRepository(DSLContext db) {
        this.db = db;
        this.jdbc = new Jdbc(db);
    }

    /** Locks the account row; with {@code skipLocked} answers empty if another transaction holds it. */
    Optional<AccountState> lockAccount(long accountId, boolean skipLocked) {
        var select = db.select(
                        ACCOUNT.ID,
                        ACCOUNT.CURRENCY,
                        ACCOUNT.TIME_ZONE,
                        ACCOUNT.DISCOUNT_PERCENT,
                        ACCOUNT.CREDIT_LIMIT,
                        ACCOUNT.BALANCE,
                        ACCOUNT.BONUS)
                .from(ACCOUNT)
                .where(ACCOUNT.ID.eq(accountId))
                .forUpdate();
        var locked = skipLocked ? select.skipLocked() : select;
        return locked.fetchOptional(r -> new AccountState(
                r.value1(), r.value2(), ZoneId.of(r.value3()), r.value4(), r.value5(), r.value6(), r.value7()));
    }

    /** Locks the account of a user service, in one statement. */
    void lockAccountOfService(long userServiceId) {
        lockAccountsOfServices(List.of(userServiceId));
    }

    /**
     * Locks the accounts of these user services in one statement (the spool's join takes them for a
     * batch of tasks), in the order of their ids, so that two such batches never deadlock.
     */
    void lockAccountsOfServices(Collection<Long> userServiceIds) {
        if (userServiceIds.isEmpty()) {
            return;
        }
        jdbc.query(
                // the accounts' ids first (an init plan), then the accounts by key: as a join, the planner
                // read the whole account table for every batch
                "SELECT id FROM account WHERE id = ANY(ARRAY(SELECT account_id FROM user_service WHERE id = ANY(?)))"
                        + " ORDER BY id FOR UPDATE",
                p -> p.bigints(userServiceIds),
                r -> r.getLong(1));
    }

    Optional<UserService> findByOrderKey(String key) {
        return db.selectFrom(USER_SERVICE)
                .where(USER_SERVICE.ORDER_KEY.eq(key))
                .fetchOptional()
                .map(UserServiceRepository::map);
    }

    Optional<Long> accountOf(long userServiceId) {
        return db.select(USER_SERVICE.ACCOUNT_ID)
                .from(USER_SERVICE)
                .where(USER_SERVICE.ID.eq(userServiceId))
                .fetchOptional(r -> r.value1());
    }

    Optional<UserService> find(long id) {
        return db.selectFrom(USER_SERVICE)
                .where(USER_SERVICE.ID.eq(id))
                .fetchOptional()
                .map(UserServiceRepository::map);
    }

    /**
     * The services with these ids, in the order of their ids, in plain JDBC: the spool's join reads
     * a batch's services per transaction, and jOOQ's rendering and record mapping took half its time.
     */
    List<UserService> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "SELECT id, account_id, service_id, parent_id, quantity, status, block_reason, price_id, anchor,"
                        + " period_no, period_start, period_end, paid_until, notified_at, grace_until, next_service_id,"
                        + " frozen_at, frozen_until, due_at, settings::text, order_key, created_at, removed_at,"
                        + " provisioning_event_id FROM user_service WHERE id = ANY(?) ORDER BY id",
                p -> p.bigints(ids),
                UserServiceRepository::row);
    }

    private static UserService row(ResultSet r) throws SQLException {
        UserService s = new UserService();
        s.id = r.getLong(1);
        s.accountId = r.getLong(2);
        s.serviceId = r.getLong(3);
        s.parentId = r.getObject(4, Long.class);
        s.quantity = r.getInt(5);
        s.status = Status.valueOf(r.getString(6));
        s.blockReason = r.getString(7) == null ? null : BlockReason.valueOf(r.getString(7));
        s.priceId = r.getObject(8, Long.class);
        s.anchor = Jdbc.instant(r, 9);
        s.periodNo = r.getObject(10, Integer.class);
        s.periodStart = Jdbc.instant(r, 11);
        s.periodEnd = Jdbc.instant(r, 12);
        s.paidUntil = Jdbc.instant(r, 13);
        s.notifiedAt = Jdbc.instant(r, 14);
        s.graceUntil = Jdbc.instant(r, 15);
        s.nextServiceId = r.getObject(16, Long.class);
        s.frozenAt = Jdbc.instant(r, 17);
        s.frozenUntil = Jdbc.instant(r, 18);
        s.dueAt = Jdbc.instant(r, 19);
        s.settings = settings(r.getString(20));
        s.orderKey = r.getString(21);
        s.createdAt = Jdbc.instant(r, 22);
        s.removedAt = Jdbc.instant(r, 23);
        s.provisioningEventId = r.getObject(24, Long.class);
        return s;
    }

    private static Map<String, Object> settings(String json) {
        return json == null || json.equals("{}") ? Map.of() : JSON.readValue(json, SETTINGS);
    }

    private static final TypeReference<Map<String, Object>> SETTINGS = new TypeReference<>() {};

    /** The statuses of the children of each of these services, in one look. */
    Map<Long, List<Status>> childStatuses(Collection<Long> parentIds) {
        Map<Long, List<Status>> statuses = new HashMap<>();
        if (parentIds.isEmpty()) {
            return statuses;
        }
        jdbc.query(
                "SELECT parent_id, status FROM user_service WHERE parent_id = ANY(?)",
                p -> p.bigints(parentIds),
                r -> statuses.computeIfAbsent(r.getLong(1), id -> new ArrayList<>())
                        .add(Status.valueOf(r.getString(2))));
        return statuses;
    }

    List<UserService> ofAccount(long accountId) {
        return db.selectFrom(USER_SERVICE)
                .where(USER_SERVICE.ACCOUNT_ID.eq(accountId))
                .orderBy(USER_SERVICE.ID)
                .fetch(UserServiceRepository::map);
    }

    List<UserService> children(long parentId) {
        return db.selectFrom(USER_SERVICE)
                .where(USER_SERVICE.PARENT_ID.eq(parentId))
                .orderBy(USER_SERVICE.ID)
                .fetch(UserServiceRepository::map);
    }

    /** The account's services whose next step has come, in the order they fell due. */
    List<UserService> dueOfAccount(long accountId, Instant now) {
        return db.selectFrom(USER_SERVICE)
                .where(USER_SERVICE.ACCOUNT_ID.eq(accountId))
                .and(USER_SERVICE.DUE_AT.le(utc(now)))
                .orderBy(USER_SERVICE.DUE_AT, USER_SERVICE.ID)
                .fetch(UserServiceRepository::map);
    }

    /** Accounts with a service due by {@code now}, oldest first, after the given account id. */
    List<Long> dueAccounts(Instant now, long afterAccountId, int limit) {
        return db.selectDistinct(USER_SERVICE.ACCOUNT_ID)
                .from(USER_SERVICE)
                .where(USER_SERVICE.DUE_AT.le(utc(now)))
                .and(USER_SERVICE.ACCOUNT_ID.gt(afterAccountId))
                .orderBy(USER_SERVICE.ACCOUNT_ID)
                .limit(limit)
                .fetch(r -> r.value1());
    }

    /** Wakes the account's services that wait for money: the clock looks at them at once. */
    /** Marks due, in one statement, the accounts' services that wait for money; answers the accounts that had any. */
    Set<Long> wakeWaitingForMoney(Collection<Long> accountIds, Instant now) {
        return new HashSet<>(db.update(USER_SERVICE)
                .set(USER_SERVICE.DUE_AT, utc(now))
                .where(USER_SERVICE.ACCOUNT_ID.eq(DSL.any(accountIds.toArray(Long[]::new))))
                .and(waitingForMoney())
                .returningResult(USER_SERVICE.ACCOUNT_ID)
                .fetch(r -> r.value1()));
    }

    /** Top-level services that money could start again: unpaid, blocked for lack of it, or in grace. */
    private static Condition waitingForMoney() {
        return USER_SERVICE
                .PARENT_ID
                .isNull()
                .and(USER_SERVICE
                        .STATUS
                        .eq(Status.NOT_PAID.name())
                        .or(USER_SERVICE.STATUS.eq(Status.BLOCKED.name()).and(USER_SERVICE.BLOCK_REASON.eq("NO_MONEY")))
                        .or(USER_SERVICE.GRACE_UNTIL.isNotNull().and(USER_SERVICE.STATUS.eq(Status.ACTIVE.name()))));
    }

    UserService save(UserService s, Instant now) {
        if (s.createdAt == null) {
            s.createdAt = now;
        }
        if (s.id != null) {
            update(s, now);
            return s;
        }
        UserServiceRecord r = db.newRecord(USER_SERVICE);
        r.setAccountId(s.accountId);
        r.setServiceId(s.serviceId);
        r.setParentId(s.parentId);
        r.setQuantity(s.quantity);
        r.setStatus(s.status.name());
        r.setBlockReason(s.blockReason == null ? null : s.blockReason.name());
        r.setPriceId(s.priceId);
        r.setAnchor(utc(s.anchor));
        r.setPeriodNo(s.periodNo);
        r.setPeriodStart(utc(s.periodStart));
        r.setPeriodEnd(utc(s.periodEnd));
        r.setPaidUntil(utc(s.paidUntil));
        r.setNotifiedAt(utc(s.notifiedAt));
        r.setGraceUntil(utc(s.graceUntil));
        r.setNextServiceId(s.nextServiceId);
        r.setFrozenAt(utc(s.frozenAt));
        r.setFrozenUntil(utc(s.frozenUntil));
        r.setDueAt(utc(s.dueAt));
        r.setSettings(JSONB.valueOf(settingsJson(s)));
        r.setOrderKey(s.orderKey);
        r.setCreatedAt(utc(s.createdAt));
        r.setUpdatedAt(utc(now));
        r.setRemovedAt(utc(s.removedAt));
        r.setProvisioningEventId(s.provisioningEventId);
        r.store();
        s.id = r.getId();
        return s;
    }

    /**
     * Writes every column the model holds in one plain statement: the spool's join moves a service
     * per finished task, and jOOQ's read-then-store took two statements and most of the CPU.
     * Columns the model does not hold (the server chosen at CREATE) are left as they are.
     */
    private void update(UserService s, Instant now) {
        jdbc.update(UPDATE, p -> bindUpdate(p, s, now));
    }

    /**
     * Writes settling moves (PROGRESS or ERROR to where a service's commands stand) of many services
     * in two statements: their events, and their new status and block reason, the only columns such
     * a move changes. Other moves go through {@link #save}.
     */
    void saveSettled(List<Move> moves, String actor, Instant now) {
        if (moves.isEmpty()) {
            return;
        }
        jdbc.update(
                "INSERT INTO user_service_event (user_service_id, account_id, event, status_from, status_to, detail,"
                        + " actor, created_at) SELECT us, acc, ev, st_from, st_to, det, ?, ?::timestamptz"
                        + " FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])"
                        + " AS m(us, acc, ev, st_from, st_to, det)",
                p -> p.value(actor)
                        .instant(now)
                        .bigints(moves.stream().map(m -> m.service().id).toList())
                        .bigints(moves.stream().map(m -> m.service().accountId).toList())
                        .array("text", moves.stream().map(Move::event).toArray())
                        .array("text", moves.stream().map(m -> m.from().name()).toArray())
                        .array(
                                "text",
                                moves.stream()
                                        .map(m -> m.service().status.name())
                                        .toArray())
                        .array("text", moves.stream().map(Move::detail).toArray()));
        jdbc.update(
                "UPDATE user_service u SET status = m.st, block_reason = m.br, updated_at = ?::timestamptz"
                        + " FROM unnest(?::bigint[], ?::text[], ?::text[]) AS m(id, st, br)"
                        + " WHERE u.id = ANY(?) AND u.id = m.id",
                p -> p.instant(now)
                        .bigints(moves.stream().map(m -> m.service().id).toList())
                        .array(
                                "text",
                                moves.stream()
                                        .map(m -> m.service().status.name())
                                        .toArray())
                        .array(
                                "text",
                                moves.stream()
                                        .map(m -> m.service().blockReason == null
                                                ? null
                                                : m.service().blockReason.name())
                                        .toArray())
                        .bigints(moves.stream().map(m -> m.service().id).toList()));
    }

    /** A service moved in memory from {@code from}, with the event to record for it. */
    record Move(UserService service, String event, Status from, String detail) {}

    private static final String UPDATE = "UPDATE user_service SET account_id = ?, service_id = ?, parent_id = ?,"
            + " quantity = ?, status = ?, block_reason = ?, price_id = ?, anchor = ?::timestamptz, period_no = ?,"
            + " period_start = ?::timestamptz, period_end = ?::timestamptz, paid_until = ?::timestamptz,"
            + " notified_at = ?::timestamptz, grace_until = ?::timestamptz, next_service_id = ?,"
            + " frozen_at = ?::timestamptz, frozen_until = ?::timestamptz, due_at = ?::timestamptz,"
            + " settings = ?::jsonb, order_key = ?, created_at = ?::timestamptz, updated_at = ?::timestamptz,"
            + " removed_at = ?::timestamptz, provisioning_event_id = ? WHERE id = ?";

    private static void bindUpdate(Jdbc.Parameters p, UserService s, Instant now) throws java.sql.SQLException {
        p.value(s.accountId)
                .value(s.serviceId)
                .value(s.parentId)
                .value(s.quantity)
                .value(s.status.name())
                .value(s.blockReason == null ? null : s.blockReason.name())
                .value(s.priceId)
                .instant(s.anchor)
                .value(s.periodNo)
                .instant(s.periodStart)
                .instant(s.periodEnd)
                .instant(s.paidUntil)
                .instant(s.notifiedAt)
                .instant(s.graceUntil)
                .value(s.nextServiceId)
                .instant(s.frozenAt)
                .instant(s.frozenUntil)
                .instant(s.dueAt)
                .value(settingsJson(s))
                .value(s.orderKey)
                .instant(s.createdAt)
                .instant(now)
                .instant(s.removedAt)
                .value(s.provisioningEventId)
                .value(s.id);
    }

    private static String settingsJson(UserService s) {
        return JSON.writeValueAsString(s.settings == null ? Map.of() : s.settings);
    }

    /** Writes an event without commands (none bound, or a result of commands); answers its id. */
    long event(UserService s, String event, Status from, Status to, String detail, String actor, Instant now) {
        return event(s, event, from, to, detail, actor, now, false, List.of());
    }

    /**
     * Writes an event; a {@code dispatched} one waits in the outbox for its commands to be queued,
     * after the commands of the events {@code after} (a bundle's children). Answers its id.
     */
    long event(
            UserService s,
            String event,
            Status from,
            Status to,
            String detail,
            String actor,
            Instant now,
            boolean dispatched,
            List<Long> after) {
        return jdbc.query(
                        "INSERT INTO user_service_event (user_service_id, account_id, event, status_from, status_to,"
                                + " detail, actor, created_at, dispatch, after_event_ids)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?::bigint[]) RETURNING id",
                        p -> p.value(s.id)
                                .value(s.accountId)
                                .value(event)
                                .value(from == null ? null : from.name())
                                .value(to == null ? null : to.name())
                                .value(detail)
                                .value(actor)
                                .instant(now)
                                .value(dispatched ? "PENDING" : null)
                                .array("bigint", dispatched && !after.isEmpty() ? after.toArray() : null),
                        r -> r.getLong(1))
                .getFirst();
    }

    /** How many events {@code actor} wrote for the service since {@code since}. */
    int eventsByActorSince(long userServiceId, String actor, Instant since) {
        return jdbc.query(
                        "SELECT count(*) FROM user_service_event WHERE user_service_id = ? AND actor = ?"
                                + " AND created_at > ?::timestamptz",
                        p -> p.value(userServiceId).value(actor).instant(since),
                        r -> r.getInt(1))
                .getFirst();
    }

    boolean isDispatched(long eventId) {
        return db.fetchExists(
                USER_SERVICE_EVENT, USER_SERVICE_EVENT.ID.eq(eventId).and(USER_SERVICE_EVENT.DISPATCH.isNotNull()));
    }

    /** The names of these events, in one look. */
    Map<Long, String> eventNames(Collection<Long> eventIds) {
        Map<Long, String> names = new HashMap<>();
        if (!eventIds.isEmpty()) {
            jdbc.query(
                    "SELECT id, event FROM user_service_event WHERE id = ANY(?)",
                    p -> p.bigints(eventIds),
                    r -> names.put(r.getLong(1), r.getString(2)));
        }
        return names;
    }

    String eventName(long eventId) {
        return db.select(USER_SERVICE_EVENT.EVENT)
                .from(USER_SERVICE_EVENT)
                .where(USER_SERVICE_EVENT.ID.eq(eventId))
                .fetchSingle(r -> r.value1());
    }

    List<EventRow> events(long userServiceId) {
        return db.selectFrom(USER_SERVICE_EVENT)
                .where(USER_SERVICE_EVENT.USER_SERVICE_ID.eq(userServiceId))
                .orderBy(USER_SERVICE_EVENT.ID)
                .fetch(r -> new EventRow(
                        r.getEvent(),
                        r.getStatusFrom(),
                        r.getStatusTo(),
                        r.getDetail(),
                        r.getActor(),
                        instant(r.getCreatedAt())));
    }

    record EventRow(String event, String from, String to, String detail, String actor, Instant at) {}

    /** The entries that paid for the period starting at {@code periodStart}: its CHARGE and BONUS_SPEND. */
    List<LedgerEntryRecord> periodPayments(long userServiceId, Instant periodStart) {
        return db.selectFrom(LEDGER_ENTRY)
                .where(LEDGER_ENTRY.USER_SERVICE_ID.eq(userServiceId))
                .and(LEDGER_ENTRY.PERIOD_START.eq(utc(periodStart)))
                .and(LEDGER_ENTRY.KIND.in("CHARGE", "BONUS_SPEND"))
                .orderBy(LEDGER_ENTRY.ID)
                .fetch();
    }

    static UserService map(UserServiceRecord r) {
        UserService s = new UserService();
        s.id = r.getId();
        s.accountId = r.getAccountId();
        s.serviceId = r.getServiceId();
        s.parentId = r.getParentId();
        s.quantity = r.getQuantity();
        s.status = Status.valueOf(r.getStatus());
        s.blockReason = r.getBlockReason() == null ? null : BlockReason.valueOf(r.getBlockReason());
        s.priceId = r.getPriceId();
        s.anchor = instant(r.getAnchor());
        s.periodNo = r.getPeriodNo();
        s.periodStart = instant(r.getPeriodStart());
        s.periodEnd = instant(r.getPeriodEnd());
        s.paidUntil = instant(r.getPaidUntil());
        s.notifiedAt = instant(r.getNotifiedAt());
        s.graceUntil = instant(r.getGraceUntil());
        s.nextServiceId = r.getNextServiceId();
        s.frozenAt = instant(r.getFrozenAt());
        s.frozenUntil = instant(r.getFrozenUntil());
        s.dueAt = instant(r.getDueAt());
        // the clock's batch path does not read settings: it never writes them
        s.settings = r.getSettings() == null
                ? Map.of()
                : JSON.readValue(r.getSettings().data(), new TypeReference<Map<String, Object>>() {});
        s.orderKey = r.getOrderKey();
        s.createdAt = instant(r.getCreatedAt());
        s.removedAt = instant(r.getRemovedAt());
        s.provisioningEventId = r.getProvisioningEventId();
        return s;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
