package io.lastmile.auth.operator;

import static io.lastmile.auth.db.Tables.OPERATOR;
import static io.lastmile.auth.db.Tables.OPERATOR_ROLE;

import io.lastmile.auth.db.tables.records.OperatorRecord;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class OperatorRepository {

    private final DSLContext db;

    OperatorRepository(DSLContext db) {
        this.db = db;
    }

    Optional<StoredOperator> find(String login) {
        return db.selectFrom(OPERATOR)
                .where(OPERATOR.LOGIN.eq(login))
                .fetchOptional(r -> toOperator(r, roles(r.getId())));
    }

    List<StoredOperator> all() {
        Map<Long, List<String>> roles = db.select(OPERATOR_ROLE.OPERATOR_ID, OPERATOR_ROLE.ROLE_NAME)
                .from(OPERATOR_ROLE)
                .orderBy(OPERATOR_ROLE.ROLE_NAME)
                .fetchGroups(OPERATOR_ROLE.OPERATOR_ID, OPERATOR_ROLE.ROLE_NAME);
        return db.selectFrom(OPERATOR)
                .orderBy(OPERATOR.LOGIN)
                .fetch(r -> toOperator(r, roles.getOrDefault(r.getId(), List.of())));
    }

    /** Inserts unless an operator with this login exists; returns whether it inserted. */
    boolean insert(StoredOperator operator) {
        Long id = db.insertInto(OPERATOR)
                .set(OPERATOR.LOGIN, operator.login())
                .set(OPERATOR.NAME, operator.name())
                .set(OPERATOR.EMAIL, operator.email())
                .set(OPERATOR.PASSWORD_HASH, operator.passwordHash())
                .set(OPERATOR.ENABLED, operator.enabled())
                .onConflict(OPERATOR.LOGIN)
                .doNothing()
                .returning(OPERATOR.ID)
                .fetchOptional(OPERATOR.ID)
                .orElse(null);
        if (id == null) {
            return false;
        }
        setRoles(id, operator.roles());
        return true;
    }

    boolean update(String login, String name, String email, boolean enabled) {
        return db.update(OPERATOR)
                        .set(OPERATOR.NAME, name)
                        .set(OPERATOR.EMAIL, email)
                        .set(OPERATOR.ENABLED, enabled)
                        .set(OPERATOR.UPDATED_AT, DSL.currentOffsetDateTime())
                        .where(OPERATOR.LOGIN.eq(login))
                        .execute()
                == 1;
    }

    void setRoles(long operatorId, Collection<String> roles) {
        db.deleteFrom(OPERATOR_ROLE)
                .where(OPERATOR_ROLE.OPERATOR_ID.eq(operatorId))
                .execute();
        if (!roles.isEmpty()) {
            var insert = db.insertInto(OPERATOR_ROLE, OPERATOR_ROLE.OPERATOR_ID, OPERATOR_ROLE.ROLE_NAME);
            for (String role : roles) {
                insert = insert.values(operatorId, role);
            }
            insert.execute();
        }
    }

    boolean setPasswordHash(String login, String hash) {
        return db.update(OPERATOR)
                        .set(OPERATOR.PASSWORD_HASH, hash)
                        .set(OPERATOR.UPDATED_AT, DSL.currentOffsetDateTime())
                        .where(OPERATOR.LOGIN.eq(login))
                        .execute()
                == 1;
    }

    boolean setTotp(String login, byte[] sealedSecret, boolean confirmed) {
        return db.update(OPERATOR)
                        .set(OPERATOR.TOTP_SECRET, sealedSecret)
                        .set(OPERATOR.TOTP_CONFIRMED, confirmed)
                        .set(OPERATOR.TOTP_LAST_STEP, (Long) null)
                        .where(OPERATOR.LOGIN.eq(login))
                        .execute()
                == 1;
    }

    boolean confirmTotp(String login) {
        return db.update(OPERATOR)
                        .set(OPERATOR.TOTP_CONFIRMED, true)
                        .where(OPERATOR.LOGIN.eq(login).and(OPERATOR.TOTP_SECRET.isNotNull()))
                        .execute()
                == 1;
    }

    /** Records the step of a code just accepted; false when that step (or a later one) was used already. */
    boolean useTotpStep(String login, long step) {
        return db.update(OPERATOR)
                        .set(OPERATOR.TOTP_LAST_STEP, step)
                        .where(OPERATOR.LOGIN.eq(login))
                        .and(OPERATOR.TOTP_LAST_STEP.isNull().or(OPERATOR.TOTP_LAST_STEP.lt(step)))
                        .execute()
                == 1;
    }

    boolean delete(String login) {
        return db.deleteFrom(OPERATOR).where(OPERATOR.LOGIN.eq(login)).execute() == 1;
    }

    /** Enabled operators holding {@code role}, other than {@code except}. */
    int countEnabledWithRole(String role, String except) {
        return db.fetchCount(db.select(OPERATOR.ID)
                .from(OPERATOR)
                .join(OPERATOR_ROLE)
                .on(OPERATOR_ROLE.OPERATOR_ID.eq(OPERATOR.ID))
                .where(OPERATOR_ROLE.ROLE_NAME.eq(role))
                .and(OPERATOR.ENABLED)
                .and(OPERATOR.LOGIN.ne(except)));
    }

    private List<String> roles(long operatorId) {
        return db.select(OPERATOR_ROLE.ROLE_NAME)
                .from(OPERATOR_ROLE)
                .where(OPERATOR_ROLE.OPERATOR_ID.eq(operatorId))
                .orderBy(OPERATOR_ROLE.ROLE_NAME)
                .fetch(OPERATOR_ROLE.ROLE_NAME);
    }

    private static StoredOperator toOperator(OperatorRecord r, List<String> roles) {
        return new StoredOperator(
                r.getId(),
                r.getLogin(),
                r.getName(),
                r.getEmail(),
                r.getPasswordHash(),
                List.copyOf(roles),
                r.getEnabled(),
                r.getTotpSecret(),
                r.getTotpConfirmed(),
                r.getUpdatedAt());
    }

    record StoredOperator(
            long id,
            String login,
            String name,
            String email,
            String passwordHash,
            List<String> roles,
            boolean enabled,
            byte[] totpSecret,
            boolean totpConfirmed,
            OffsetDateTime updatedAt) {}
}
