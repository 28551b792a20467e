package io.lastmile.billing.account;

import static io.lastmile.billing.db.Tables.ACCOUNT;

import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.db.tables.records.AccountRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class AccountRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DSLContext db;

    AccountRepository(DSLContext db) {
        this.db = db;
    }

    Optional<AccountView> find(long id) {
        return db.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).fetchOptional(AccountRepository::view);
    }

    Optional<AccountRecord> lock(long id) {
        return db.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).forUpdate().fetchOptional();
    }

    boolean contractExists(String contract, Long exceptId) {
        return db.fetchExists(
                ACCOUNT,
                ACCOUNT.CONTRACT.eq(contract).and(exceptId == null ? DSL.noCondition() : ACCOUNT.ID.ne(exceptId)));
    }

    long nextContractSequence() {
        return db.nextval(DSL.sequence(DSL.name("account_contract_seq"), Long.class));
    }

    AccountView insert(AccountRecord record, Instant now) {
        record.setCreatedAt(now.atOffset(ZoneOffset.UTC));
        record.setUpdatedAt(now.atOffset(ZoneOffset.UTC));
        record.setBalance(BigDecimal.ZERO);
        return view(db.insertInto(ACCOUNT).set(record).returning().fetchSingle());
    }

    AccountView update(AccountRecord record, Instant now) {
        record.setUpdatedAt(now.atOffset(ZoneOffset.UTC));
        if (record.changed(ACCOUNT.CONTRACT) || record.changed(ACCOUNT.EMAIL) || record.changed(ACCOUNT.PHONE)) {
            record.setCredentialProblem(null); // auth's refusal was about the logins: send them again
        }
        db.executeUpdate(record);
        return find(record.getId()).orElseThrow(); // as stored: numeric scales, timestamp precision
    }

    /** Accounts matching every criterion given; `text` looks in contract, name, phone and e-mail. */
    List<AccountView> search(AccountQuery q, int page, int size) {
        return db.selectFrom(ACCOUNT)
                .where(conditions(q))
                .orderBy(ACCOUNT.ID)
                .limit(size)
                .offset((long) page * size)
                .fetch(AccountRepository::view);
    }

    long count(AccountQuery q) {
        return db.fetchCount(ACCOUNT, conditions(q));
    }

    private static Condition conditions(AccountQuery q) {
        Condition c = DSL.noCondition();
        if (q.contract() != null) {
            c = c.and(ACCOUNT.CONTRACT.eq(q.contract()));
        }
        if (q.name() != null) {
            c = c.and(DSL.lower(ACCOUNT.NAME).like(escape(q.name().toLowerCase()) + "%", '!'));
        }
        if (q.phone() != null) {
            c = c.and(ACCOUNT.PHONE.eq(q.phone()));
        }
        if (q.email() != null) {
            c = c.and(DSL.lower(ACCOUNT.EMAIL).eq(q.email().toLowerCase()));
        }
        if (q.text() != null) {
            String like = "%" + escape(q.text().toLowerCase()) + "%";
            c = c.and(DSL.or(
                    DSL.lower(ACCOUNT.CONTRACT).like(like, '!'),
                    DSL.lower(ACCOUNT.NAME).like(like, '!'),
                    ACCOUNT.PHONE.like(like, '!'),
                    DSL.lower(ACCOUNT.EMAIL).like(like, '!')));
        }
        return c;
    }

    private static String escape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    static JSONB json(Map<String, Object> settings) {
        return JSONB.valueOf(JSON.writeValueAsString(settings == null ? Map.of() : settings));
    }

    static AccountView view(AccountRecord r) {
        return new AccountView(
                r.getId(),
                r.getContract(),
                r.getName(),
                r.getType(),
                r.getTaxId(),
                r.getPhone(),
                r.getEmail(),
                r.getAddress(),
                r.getTimeZone(),
                r.getCurrency(),
                r.getBalance(),
                r.getBonus(),
                r.getCreditLimit(),
                r.getDiscountPercent(),
                r.getStatus(),
                JSON.readValue(r.getSettings().data(), new TypeReference<Map<String, Object>>() {}),
                r.getCreatedAt().toInstant(),
                r.getUpdatedAt().toInstant());
    }
}
