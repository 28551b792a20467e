package io.lastmile.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeededRolesTest {

    @Test
    void seedsEveryRoleAuthKnows() {
        assertThat(SeededRoles.PERMISSIONS.keySet())
                .containsExactly(
                        Roles.ADMIN,
                        Roles.CASHIER,
                        Roles.SUPPORT,
                        Roles.NOC,
                        Roles.READ_ONLY,
                        Roles.SERVICE,
                        Roles.SUBSCRIBER);
    }

    @Test
    void namesOnlyKnownPermissions() {
        SeededRoles.PERMISSIONS.values().stream()
                .flatMap(List::stream)
                .filter(p -> !p.equals(Permissions.ALL))
                .forEach(p -> assertThat(Permissions.NAMED).contains(p));
    }

    @Test
    void givesReadOnlyEveryReadButTheAudit() {
        assertThat(SeededRoles.permissions(Roles.READ_ONLY))
                .contains(Permissions.ACCOUNTS_READ, Permissions.SERVERS_READ, Permissions.FISCAL_READ)
                .doesNotContain(Permissions.AUDIT_READ, Permissions.ACCOUNTS_WRITE, Permissions.SELF)
                .allMatch(p -> p.endsWith(".read"));
    }

    @Test
    void limitsOnlyTheCashiersCorrections() {
        assertThat(SeededRoles.correctionLimit(Roles.CASHIER))
                .hasValueSatisfying(limit -> assertThat(limit).isEqualByComparingTo("5000.00"));
        assertThat(SeededRoles.correctionLimit(Roles.ADMIN)).isEmpty();
        assertThat(SeededRoles.permissions(Roles.CASHIER)).contains(Permissions.LEDGER_CORRECT);
    }
}
