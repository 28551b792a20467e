package io.lastmile.billing.api.traffic;

import java.time.Instant;
import java.util.List;

/**
 * A traffic class.
 *
 * @param isDefault the class of every remote address no other class's prefix matches; it has no
 *     prefixes of its own and cannot be deleted
 */
public record TrafficClassView(
        String code, String name, boolean isDefault, List<String> prefixes, Instant createdAt, Instant updatedAt) {}
