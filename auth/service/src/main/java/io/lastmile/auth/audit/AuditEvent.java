package io.lastmile.auth.audit;

import java.time.Instant;

/**
 * One audited action.
 *
 * @param module who reports it: {@code auth} for auth's own, else the reporting module's client id
 * @param actor who did it: an operator's login, a client id, {@code subscriber:<account>}; null if unknown
 * @param subject what it was done to (a login, a role, an account id ...)
 * @param action a dotted name: {@code login.succeeded}, {@code operator.roles-changed} ...
 * @param address the source address of the request, when there was one
 */
public record AuditEvent(
        long id,
        Instant at,
        String module,
        String actor,
        String subject,
        String action,
        String address,
        String detail) {}
