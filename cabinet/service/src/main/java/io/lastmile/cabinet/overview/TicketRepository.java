package io.lastmile.cabinet.overview;

import static io.lastmile.cabinet.db.Tables.TICKET;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class TicketRepository {

    private final DSLContext db;

    TicketRepository(DSLContext db) {
        this.db = db;
    }

    long countOpen(long accountId) {
        return db.fetchCount(TICKET, TICKET.ACCOUNT_ID.eq(accountId).and(TICKET.STATUS.ne("closed")));
    }
}
