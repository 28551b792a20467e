package io.lastmile.billing.provisioning.run;

import java.util.Optional;

/** Opens the credential a server names ({@code server.credentials_ref}). */
@FunctionalInterface
public interface SecretSource {

    Optional<ServerSecret> open(String ref);
}
