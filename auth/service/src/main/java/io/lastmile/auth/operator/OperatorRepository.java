package io.lastmile.auth.operator;

import static io.lastmile.auth.db.Tables.OPERATOR;

import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class OperatorRepository {

    private final DSLContext db;

    OperatorRepository(DSLContext db) {
        this.db = db;
    }

    Optional<Operator> findByLogin(String login) {
        return db.selectFrom(OPERATOR)
                .where(OPERATOR.LOGIN.eq(login))
                .fetchOptional(
                        r -> new Operator(r.getLogin(), r.getPasswordHash(), List.of(r.getRoles()), r.getEnabled()));
    }

    /** Inserts unless an operator with this login exists; returns whether it inserted. */
    boolean insertIfAbsent(Operator operator) {
        return db.insertInto(OPERATOR)
                        .set(OPERATOR.LOGIN, operator.login())
                        .set(OPERATOR.PASSWORD_HASH, operator.passwordHash())
                        .set(OPERATOR.ROLES, operator.roles().toArray(String[]::new))
                        .set(OPERATOR.ENABLED, operator.enabled())
                        .onConflict(OPERATOR.LOGIN)
                        .doNothing()
                        .execute()
                == 1;
    }

    record Operator(String login, String passwordHash, List<String> roles, boolean enabled) {}
}
