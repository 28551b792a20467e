package io.lastmile.auth.operator;

import java.util.List;

/** An operator as the API shows them: never a hash or a secret. */
public record OperatorView(
        String login, String name, String email, boolean enabled, List<String> roles, boolean totpEnabled) {

    static OperatorView of(OperatorRepository.StoredOperator o) {
        return new OperatorView(o.login(), o.name(), o.email(), o.enabled(), o.roles(), o.totpConfirmed());
    }
}
