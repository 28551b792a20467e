package io.lastmile.billing.api.provisioning;

import java.time.Instant;

/**
 * A template of provisioning commands.
 *
 * @param bindings how many event bindings use it
 */
public record TemplateView(long id, String name, String body, int bindings, Instant createdAt, Instant updatedAt) {}
