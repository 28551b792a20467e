package io.lastmile.billing.api.provisioning;

import java.time.Instant;

/**
 * A value kept for a user service by its provisioning templates (a VPN key, the generated
 * password); the value itself is fetched by name as text.
 *
 * @param name {@code password} for the service's generated password, else the name the template gave
 */
public record StoredValueView(String name, Instant updatedAt) {}
