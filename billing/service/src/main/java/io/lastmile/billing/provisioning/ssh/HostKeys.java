package io.lastmile.billing.provisioning.ssh;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

/** Host keys as operators see them: OpenSSH lines and ssh-keygen's SHA256 fingerprints. */
final class HostKeys {

    private HostKeys() {}

    /** Parses {@code type base64 [comment]}; throws IllegalArgumentException saying what is wrong. */
    static PublicKey parse(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("no host key given");
        }
        try {
            PublicKey key = PublicKeyEntry.parsePublicKeyEntry(line.strip())
                    .resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
            if (key == null) {
                throw new IllegalArgumentException("unsupported host key type");
            }
            return key;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "not an OpenSSH public key line (expected e.g. 'ssh-ed25519 AAAA...')", e);
        }
    }

    static String line(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }
}
