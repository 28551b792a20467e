package io.lastmile.billing.api.provisioning;

/**
 * An event binding to create, or the whole of one to replace (PUT): when {@code event} happens to
 * a service whose category matches {@code categoryPattern}, {@code templateId} is rendered and sent
 * to the server, or to one chosen from the group. Exactly one of {@code serverId} and
 * {@code groupId}.
 *
 * @param event upper-case name such as CREATE, BLOCK, PROLONGATE, REMOVE (letters, digits, _)
 * @param categoryPattern an SQL LIKE pattern over service categories: {@code vpn-%}, {@code %}
 * @param timeoutSeconds 1 to 86400 (default 60)
 * @param maxAttempts 1 to 100 (default 5)
 * @param backoffSeconds the first retry's delay, doubling after, 1 to 86400 (default 10)
 * @param position the order among the bindings of one event (default 0)
 * @param enabled default true
 */
public record BindingRequest(
        String event,
        String categoryPattern,
        Long templateId,
        Long serverId,
        Long groupId,
        Integer timeoutSeconds,
        Integer maxAttempts,
        Integer backoffSeconds,
        Integer position,
        Boolean enabled) {}
