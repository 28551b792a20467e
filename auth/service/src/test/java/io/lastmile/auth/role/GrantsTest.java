package io.lastmile.auth.role;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.platform.security.Permissions;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrantsTest {

    static final Role CASHIER =
            new Role("cashier", "", List.of("accounts.read", "ledger.correct"), new BigDecimal("5000.00"));
    static final Role SUPPORT = new Role("support", "", List.of("accounts.read", "tickets.write"), null);
    static final Role SENIOR = new Role("senior", "", List.of("ledger.correct"), new BigDecimal("20000.00"));
    static final Role UNLIMITED = new Role("unlimited", "", List.of("ledger.correct"), null);
    static final Role ADMIN = new Role("admin", "", List.of("*"), null);

    @Test
    void unitesPermissionsOnceEachInOrder() {
        Grants grants = Grants.of(List.of(SUPPORT, CASHIER));

        assertThat(grants.roles()).containsExactly("cashier", "support");
        assertThat(grants.permissions()).containsExactly("accounts.read", "ledger.correct", "tickets.write");
    }

    @Test
    void reducesToTheWildcardWhenARoleHasIt() {
        assertThat(Grants.of(List.of(CASHIER, ADMIN)).permissions()).containsExactly(Permissions.ALL);
    }

    @Test
    void takesTheSmallestLimitOfTheRolesGrantingCorrections() {
        assertThat(Grants.of(List.of(SENIOR, CASHIER, SUPPORT)).correctionLimit())
                .contains(new BigDecimal("5000.00"));
    }

    @Test
    void ignoresTheMissingLimitOfARoleThatGrantsNoCorrections() {
        assertThat(Grants.of(List.of(CASHIER, SUPPORT)).correctionLimit()).contains(new BigDecimal("5000.00"));
    }

    @Test
    void hasNoLimitWhenARoleGrantingCorrectionsIsUnlimited() {
        assertThat(Grants.of(List.of(CASHIER, UNLIMITED)).correctionLimit()).isEmpty();
        assertThat(Grants.of(List.of(CASHIER, ADMIN)).correctionLimit()).isEmpty();
    }

    @Test
    void hasNoLimitWithoutCorrections() {
        assertThat(Grants.of(List.of(SUPPORT)).correctionLimit()).isEmpty();
        assertThat(Grants.of(List.of()).permissions()).isEmpty();
    }
}
