package io.lastmile.auth.role;

import static io.lastmile.auth.db.Tables.OPERATOR_ROLE;
import static io.lastmile.auth.db.Tables.ROLE;

import io.lastmile.auth.db.tables.records.RoleRecord;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class RoleRepository {

    private final DSLContext db;

    RoleRepository(DSLContext db) {
        this.db = db;
    }

    List<Role> all() {
        return db.selectFrom(ROLE).orderBy(ROLE.NAME).fetch(RoleRepository::toRole);
    }

    List<Role> named(Collection<String> names) {
        return db.selectFrom(ROLE).where(ROLE.NAME.in(names)).orderBy(ROLE.NAME).fetch(RoleRepository::toRole);
    }

    Optional<Role> find(String name) {
        return db.selectFrom(ROLE).where(ROLE.NAME.eq(name)).fetchOptional(RoleRepository::toRole);
    }

    boolean insert(Role role) {
        return db.insertInto(ROLE)
                        .set(ROLE.NAME, role.name())
                        .set(ROLE.DESCRIPTION, role.description())
                        .set(ROLE.PERMISSIONS, role.permissions().toArray(String[]::new))
                        .set(ROLE.CORRECTION_LIMIT, role.correctionLimit())
                        .onConflict(ROLE.NAME)
                        .doNothing()
                        .execute()
                == 1;
    }

    boolean update(Role role) {
        return db.update(ROLE)
                        .set(ROLE.DESCRIPTION, role.description())
                        .set(ROLE.PERMISSIONS, role.permissions().toArray(String[]::new))
                        .set(ROLE.CORRECTION_LIMIT, role.correctionLimit())
                        .where(ROLE.NAME.eq(role.name()))
                        .execute()
                == 1;
    }

    boolean inUse(String name) {
        return db.fetchExists(OPERATOR_ROLE, OPERATOR_ROLE.ROLE_NAME.eq(name));
    }

    boolean delete(String name) {
        return db.deleteFrom(ROLE).where(ROLE.NAME.eq(name)).execute() == 1;
    }

    private static Role toRole(RoleRecord r) {
        return new Role(r.getName(), r.getDescription(), List.of(r.getPermissions()), r.getCorrectionLimit());
    }
}
