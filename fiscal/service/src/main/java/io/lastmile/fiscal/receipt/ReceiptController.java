package io.lastmile.fiscal.receipt;

import static io.lastmile.fiscal.db.Tables.RECEIPT;

import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The latest fiscal receipts, newest first. */
@RestController
class ReceiptController {

    private static final int MAX_LIMIT = 500;
    private final ReceiptRepository receipts;

    ReceiptController(ReceiptRepository receipts) {
        this.receipts = receipts;
    }

    @RequiresPermission(Permissions.FISCAL_READ)
    @GetMapping("/api/v1/receipts")
    List<ReceiptView> latest(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        return receipts.latest(limit);
    }

    record ReceiptView(long id, long accountId, BigDecimal amount, String currency, String status, Instant createdAt) {}

    @Repository
    static class ReceiptRepository {
        private final DSLContext db;

        ReceiptRepository(DSLContext db) {
            this.db = db;
        }

        List<ReceiptView> latest(int limit) {
            return db.selectFrom(RECEIPT)
                    .orderBy(RECEIPT.CREATED_AT.desc())
                    .limit(limit)
                    .fetch(r -> new ReceiptView(
                            r.getId(),
                            r.getAccountId(),
                            r.getAmount(),
                            r.getCurrency(),
                            r.getStatus(),
                            r.getCreatedAt().toInstant()));
        }
    }
}
