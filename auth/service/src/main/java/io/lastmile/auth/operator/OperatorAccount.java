package io.lastmile.auth.operator;

import io.lastmile.platform.security.Roles;
import java.util.List;

/** What the login needs to know of an operator. */
public record OperatorAccount(
        String login,
        String passwordHash,
        boolean enabled,
        List<String> roles,
        byte[] totpSecret,
        boolean totpConfirmed) {

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }
}
