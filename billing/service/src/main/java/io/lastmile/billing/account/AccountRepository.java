package io.lastmile.billing.account;

import static io.lastmile.billing.db.Tables.ACCOUNT;

import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.db.tables.records.AccountRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

    private final DSLContext db;

    AccountRepository(DSLContext db) {
        this.db = db;
    }

    Optional<AccountView> find(long id) {
        return db.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).fetchOptional(AccountRepository::view);
    }

    boolean contractExists(String contract) {
        return db.fetchExists(ACCOUNT, ACCOUNT.CONTRACT.eq(contract));
    }

    AccountView insert(String contract, String name, String currency, Instant now) {
        return view(db.insertInto(ACCOUNT)
                .set(ACCOUNT.CONTRACT, contract)
                .set(ACCOUNT.NAME, name)
                .set(ACCOUNT.CURRENCY, currency)
                .set(ACCOUNT.BALANCE, BigDecimal.ZERO)
                .set(ACCOUNT.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                .set(ACCOUNT.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .returning()
                .fetchSingle());
    }

    private static AccountView view(AccountRecord r) {
        return new AccountView(
                r.getId(),
                r.getContract(),
                r.getName(),
                r.getCurrency(),
                r.getBalance(),
                r.getBonus(),
                r.getCreditLimit(),
                r.getStatus(),
                r.getCreatedAt().toInstant());
    }
}
