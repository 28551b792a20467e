package io.lastmile.auth.client;

import static io.lastmile.auth.db.Tables.OAUTH2_AUTHORIZATION;
import static io.lastmile.auth.db.Tables.OAUTH2_REGISTERED_CLIENT;

import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** What Spring's JdbcRegisteredClientRepository cannot do: list and delete clients. */
@Repository
class ServiceClientRepository {

    private final DSLContext db;

    ServiceClientRepository(DSLContext db) {
        this.db = db;
    }

    /** Client ids of the client-credentials clients. */
    List<String> serviceClientIds() {
        return db.select(OAUTH2_REGISTERED_CLIENT.CLIENT_ID)
                .from(OAUTH2_REGISTERED_CLIENT)
                .where(OAUTH2_REGISTERED_CLIENT.AUTHORIZATION_GRANT_TYPES.contains("client_credentials"))
                .orderBy(OAUTH2_REGISTERED_CLIENT.CLIENT_ID)
                .fetch(OAUTH2_REGISTERED_CLIENT.CLIENT_ID);
    }

    void delete(String id) {
        db.deleteFrom(OAUTH2_AUTHORIZATION)
                .where(OAUTH2_AUTHORIZATION.REGISTERED_CLIENT_ID.eq(id))
                .execute();
        db.deleteFrom(OAUTH2_REGISTERED_CLIENT)
                .where(OAUTH2_REGISTERED_CLIENT.ID.eq(id))
                .execute();
    }
}
