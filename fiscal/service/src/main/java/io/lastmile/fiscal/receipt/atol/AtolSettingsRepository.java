package io.lastmile.fiscal.receipt.atol;

import static io.lastmile.fiscal.db.Tables.ATOL_SETTINGS;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The one row of atol_settings, the password still sealed. */
@Repository
class AtolSettingsRepository {

    private final DSLContext db;

    AtolSettingsRepository(DSLContext db) {
        this.db = db;
    }

    /** The row as stored; {@code passwordSealed} is null when no password was set. */
    record Stored(
            boolean enabled,
            String baseUrl,
            String login,
            byte[] passwordSealed,
            String groupCode,
            String inn,
            String paymentAddress,
            String companyEmail,
            String sno,
            String vat,
            String itemName,
            int paymentObject,
            String paymentMethod,
            String updatedBy,
            Instant updatedAt) {}

    Optional<Stored> find() {
        return db.selectFrom(ATOL_SETTINGS)
                .fetchOptional(r -> new Stored(
                        r.getEnabled(),
                        r.getBaseUrl(),
                        r.getLogin(),
                        r.getPasswordSealed(),
                        r.getGroupCode(),
                        r.getInn(),
                        r.getPaymentAddress(),
                        r.getCompanyEmail(),
                        r.getSno(),
                        r.getVat(),
                        r.getItemName(),
                        r.getPaymentObject(),
                        r.getPaymentMethod(),
                        r.getUpdatedBy(),
                        r.getUpdatedAt().toInstant()));
    }

    /** Takes the lock that serialises updates (the row's, or the table's before the first one). */
    void lock() {
        db.execute("LOCK TABLE atol_settings IN SHARE ROW EXCLUSIVE MODE");
    }

    void save(Stored s) {
        var row = db.newRecord(ATOL_SETTINGS);
        row.setId((short) 1);
        row.setEnabled(s.enabled());
        row.setBaseUrl(s.baseUrl());
        row.setLogin(s.login());
        row.setPasswordSealed(s.passwordSealed());
        row.setGroupCode(s.groupCode());
        row.setInn(s.inn());
        row.setPaymentAddress(s.paymentAddress());
        row.setCompanyEmail(s.companyEmail());
        row.setSno(s.sno());
        row.setVat(s.vat());
        row.setItemName(s.itemName());
        row.setPaymentObject(s.paymentObject());
        row.setPaymentMethod(s.paymentMethod());
        row.setUpdatedBy(s.updatedBy());
        row.setUpdatedAt(s.updatedAt().atOffset(ZoneOffset.UTC));
        db.insertInto(ATOL_SETTINGS)
                .set(row)
                .onConflict(ATOL_SETTINGS.ID)
                .doUpdate()
                .set(row)
                .execute();
    }
}
