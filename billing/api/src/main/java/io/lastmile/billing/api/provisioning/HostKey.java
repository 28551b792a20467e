package io.lastmile.billing.api.provisioning;

/**
 * An SSH server's host key: what a scan found, or what the operator pins after comparing the
 * fingerprint with the one the server's console shows ({@code ssh-keygen -lf
 * /etc/ssh/ssh_host_ed25519_key.pub}).
 *
 * @param hostKey an OpenSSH public key line, e.g. {@code ssh-ed25519 AAAA...}
 * @param fingerprint its {@code SHA256:...} fingerprint; to pin, it must match the key
 */
public record HostKey(String hostKey, String fingerprint) {}
