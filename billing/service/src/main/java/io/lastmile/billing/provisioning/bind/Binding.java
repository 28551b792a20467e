package io.lastmile.billing.provisioning.bind;

/** A command bound to an event for services whose category matches {@code categoryPattern} (SQL LIKE). */
public record Binding(
        long id,
        String event,
        String categoryPattern,
        long templateId,
        Long serverId,
        Long groupId,
        int timeoutSeconds,
        int maxAttempts,
        int backoffSeconds,
        int position) {

    /** Whether the binding applies to a service of {@code category} (null for account events). */
    public boolean matches(String category) {
        return LikePattern.matches(categoryPattern, category == null ? "" : category);
    }
}
