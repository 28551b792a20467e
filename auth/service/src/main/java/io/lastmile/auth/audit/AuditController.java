package io.lastmile.auth.audit;

import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.InvalidRequestException;
import java.time.Instant;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit: modules report (audit.write), auditors read (audit.read). */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_.-]{0,79}");
    static final int MAX_PAGE_SIZE = 500;

    private final Audit audit;

    AuditController(Audit audit) {
        this.audit = audit;
    }

    /**
     * A module reports a privileged action. The reporting module is the caller's client id; the
     * actor is who the module acted for (the operator in its own token).
     */
    @RequiresPermission(Permissions.AUDIT_WRITE)
    @PostMapping
    ResponseEntity<Void> report(@RequestBody Report report, Authentication caller) {
        var problems = new InvalidRequestException.Collector();
        if (report.action() == null || !ACTION.matcher(report.action()).matches()) {
            problems.add(
                    "action",
                    "an action is 1 to 80 lower-case letters, digits, '.', '-' or '_', e.g. ledger.corrected");
        }
        if (report.actor() == null || report.actor().isBlank() || report.actor().length() > 200) {
            problems.add("actor", "name who acted (an operator's login), at most 200 characters");
        }
        if (report.subject() != null && report.subject().length() > 200) {
            problems.add("subject", "must be at most 200 characters");
        }
        if (report.detail() != null && report.detail().length() > 4000) {
            problems.add("detail", "must be at most 4000 characters");
        }
        if (report.key() != null && (report.key().isBlank() || report.key().length() > 200)) {
            problems.add("key", "the report's own key, 1 to 200 characters, or none");
        }
        problems.throwIfAny();
        boolean recorded = audit.report(
                caller.getName(), report.actor(), report.subject(), report.action(), report.detail(), report.key());
        // 200: this module reported this key before, and it is recorded once
        return ResponseEntity.status(recorded ? HttpStatus.CREATED : HttpStatus.OK)
                .build();
    }

    @RequiresPermission(Permissions.AUDIT_READ)
    @GetMapping
    Audit.Page find(
            @RequestParam(required = false) String operator,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw InvalidRequestException.of("size", "page is 0 or more, size 1 to " + MAX_PAGE_SIZE);
        }
        return audit.find(operator, subject, action, from, to, page, size);
    }

    /** @param key optional: the module's own id of the report; the same key is recorded once */
    record Report(String actor, String subject, String action, String detail, String key) {}
}
