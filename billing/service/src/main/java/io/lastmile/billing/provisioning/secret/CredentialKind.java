package io.lastmile.billing.provisioning.secret;

/** What a credential holds. */
public enum CredentialKind {
    /** An SSH private key (ed25519 or RSA ≥ 2048), OpenSSH or PEM text. */
    SSH_KEY,
    /** A password, e.g. an SMTP login's. */
    PASSWORD,
    /** An API token, e.g. for an HTTP transport's Authorization header. */
    TOKEN
}
