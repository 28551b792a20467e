package io.lastmile.platform.security;

import java.util.List;

/**
 * The permissions every module checks, carried in the access token's `permissions` claim. Auth
 * expands an operator's roles into this list when it issues the token, so a resource server checks
 * permissions only and never needs to know what a role means. `*` grants every permission.
 */
public final class Permissions {

    /** The claim that lists the permissions of a token's subject. */
    public static final String CLAIM = "permissions";

    /** The claim of a subscriber's token: the only account it may reach. */
    public static final String ACCOUNT_CLAIM = "account_id";

    /** The claim holding the largest ledger correction a cashier may post, as a decimal string. */
    public static final String CORRECTION_LIMIT_CLAIM = "correction_limit";

    /** The audience every Lastmile access token names and every module requires. */
    public static final String AUDIENCE = "lastmile";

    public static final String ALL = "*";

    public static final String ACCOUNTS_READ = "accounts.read";
    public static final String ACCOUNTS_WRITE = "accounts.write";
    /** Block and unblock an account or a service (support's part of accounts.write). */
    public static final String ACCOUNTS_BLOCK = "accounts.block";

    public static final String LEDGER_READ = "ledger.read";
    public static final String PAYMENTS_WRITE = "payments.write";
    /** Corrections and refunds; a cashier's tokens carry {@link #CORRECTION_LIMIT_CLAIM}. */
    public static final String LEDGER_CORRECT = "ledger.correct";

    public static final String CATALOG_READ = "catalog.read";
    public static final String CATALOG_WRITE = "catalog.write";
    public static final String SUBSCRIPTIONS_READ = "subscriptions.read";
    public static final String SUBSCRIPTIONS_WRITE = "subscriptions.write";

    /** Spool tasks, templates, event bindings and alerts. */
    public static final String PROVISIONING_READ = "provisioning.read";

    public static final String PROVISIONING_WRITE = "provisioning.write";
    /** Provisioning servers and groups, read-only (the NOC's view). */
    public static final String SERVERS_READ = "servers.read";

    public static final String TICKETS_READ = "tickets.read";
    public static final String TICKETS_WRITE = "tickets.write";

    public static final String MONITORING_READ = "monitoring.read";
    public static final String MONITORING_WRITE = "monitoring.write";
    public static final String COLLECTOR_READ = "collector.read";
    public static final String COLLECTOR_WRITE = "collector.write";

    public static final String FISCAL_READ = "fiscal.read";
    public static final String FISCAL_WRITE = "fiscal.write";

    /** Operators, roles, subscriber credentials and service clients in auth. */
    public static final String AUTH_ADMIN = "auth.admin";

    public static final String AUDIT_READ = "audit.read";
    /** Report privileged actions into auth's audit (modules' own clients). */
    public static final String AUDIT_WRITE = "audit.write";

    /** The supervisor: modules, their configuration and the registry. */
    public static final String MODULES_ADMIN = "modules.admin";

    /** What a subscriber may do with their own account, and only with it. */
    public static final String SELF = "self";

    /** Every named permission, for role editors and for the role matrix tests. */
    public static final List<String> NAMED = List.of(
            ACCOUNTS_READ,
            ACCOUNTS_WRITE,
            ACCOUNTS_BLOCK,
            LEDGER_READ,
            PAYMENTS_WRITE,
            LEDGER_CORRECT,
            CATALOG_READ,
            CATALOG_WRITE,
            SUBSCRIPTIONS_READ,
            SUBSCRIPTIONS_WRITE,
            PROVISIONING_READ,
            PROVISIONING_WRITE,
            SERVERS_READ,
            TICKETS_READ,
            TICKETS_WRITE,
            MONITORING_READ,
            MONITORING_WRITE,
            COLLECTOR_READ,
            COLLECTOR_WRITE,
            FISCAL_READ,
            FISCAL_WRITE,
            AUTH_ADMIN,
            AUDIT_READ,
            AUDIT_WRITE,
            MODULES_ADMIN,
            SELF);

    /** The authority Spring Security holds for a permission. */
    public static String authority(String permission) {
        return "PERM_" + permission;
    }

    private Permissions() {}
}
