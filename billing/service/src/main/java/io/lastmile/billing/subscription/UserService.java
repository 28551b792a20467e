package io.lastmile.billing.subscription;

import java.time.Instant;
import java.util.Map;

/** A user service as the engine works on it: loaded under its account's lock, changed, saved. */
final class UserService {
    Long id;
    long accountId;
    long serviceId;
    Long parentId;
    int quantity = 1;
    Status status = Status.INIT;
    BlockReason blockReason;
    Long priceId;
    Instant anchor;
    Integer periodNo;
    Instant periodStart;
    Instant periodEnd;
    Instant paidUntil;
    Instant notifiedAt;
    Instant graceUntil;
    Long nextServiceId;
    Instant frozenAt;
    Instant frozenUntil;
    Instant dueAt;
    Map<String, Object> settings = Map.of();
    String orderKey;
    Instant createdAt;
    Instant removedAt;
    /** The event whose commands a service in PROGRESS (or ERROR) waits on. */
    Long provisioningEventId;

    boolean isChild() {
        return parentId != null;
    }
}
