package io.lastmile.auth.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes the audit: in the caller's transaction, so an action and its record commit together.
 * Failed logins and lockouts are written in a transaction of their own, as nothing else commits.
 */
@Service
public class Audit {

    public static final String MODULE = "auth";

    private final AuditRepository repository;
    private final Clock clock;

    Audit(AuditRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** An action of the current caller (the token's subject, or the logged-in user). */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String subject, String action, String detail) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        write(MODULE, caller == null ? null : caller.getName(), subject, action, currentAddress(), detail);
    }

    /** An action whose actor is known but not (yet) the caller, such as a login. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordAlone(String actor, String subject, String action, String address, String detail) {
        write(MODULE, actor, subject, action, address, detail);
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public void recordAs(String actor, String subject, String action, String address, String detail) {
        write(MODULE, actor, subject, action, address, detail);
    }

    /**
     * An action another module reports; with a key, a report the module sends again (its answer
     * was lost) is recorded once. Returns false for such a repeat.
     */
    @Transactional
    public boolean report(String module, String actor, String subject, String action, String detail, String key) {
        return repository.insert(
                new AuditEvent(0, clock.instant(), module, actor, subject, action, currentAddress(), detail), key);
    }

    @Transactional(readOnly = true)
    public Page find(
            String actor,
            String subject,
            String action,
            java.time.Instant from,
            java.time.Instant to,
            int page,
            int size) {
        var query = new AuditRepository.AuditQuery(actor, subject, action, from, to);
        return new Page(repository.find(query, page * size, size), page, size, repository.count(query));
    }

    private void write(String module, String actor, String subject, String action, String address, String detail) {
        repository.insert(new AuditEvent(0, clock.instant(), module, actor, subject, action, address, detail));
    }

    /** The remote address of the request being served, or null outside one. */
    public static String currentAddressOrNull() {
        return currentAddress();
    }

    static String currentAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    /** One page of the audit, newest first. */
    public record Page(List<AuditEvent> items, int page, int size, long total) {}
}
