package io.lastmile.billing.api.traffic;

import java.time.Instant;

/**
 * One address or prefix of an account.
 *
 * @param prefix as PostgreSQL writes a {@code cidr}: {@code 10.0.0.5/32}, {@code 2001:db8:1::/56}
 */
public record AddressView(
        long id, long accountId, String prefix, String comment, Instant createdAt, String createdBy) {}
