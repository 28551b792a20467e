package io.lastmile.billing.provisioning.run;

import io.lastmile.billing.provisioning.secret.Credentials;
import io.lastmile.platform.web.NotFoundException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Servers' credentials from the sealed credential table. */
@Component
class CredentialSecrets implements SecretSource {

    private final Credentials credentials;

    CredentialSecrets(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Optional<ServerSecret> open(String ref) {
        try {
            var s = credentials.open(ref);
            return Optional.of(new ServerSecret(s.kind().name(), s.username(), s.value()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
