package io.lastmile.billing.provisioning.secret;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * SSH private keys as operators hand them over: OpenSSH or PEM (PKCS#1, PKCS#8), ed25519 or RSA of
 * at least 2048 bits, without a passphrase. What goes wrong is said in words an operator can act
 * on, never with the parser's message (it could quote the key).
 */
final class SshKeys {

    static final int MIN_RSA_BITS = 2048;
    static final int MAX_CHARS = 16 * 1024;

    /** A key that passed: the text to keep, and its public half as an operator sees it. */
    record Parsed(String privateKey, String type, String publicKeyLine, String fingerprint) {
        @Override
        public String toString() {
            return "Parsed[" + type + " " + fingerprint + ", privateKey=(hidden)]";
        }
    }

    /** Bad key text; the message completes "secret ..." and names no part of the key. */
    static final class BadKeyException extends Exception {
        BadKeyException(String problem) {
            super(problem, null, false, false);
        }
    }

    private SshKeys() {}

    /**
     * Reads a private key.
     *
     * @param comment the comment of the public key line (where it comes from, for authorized_keys)
     */
    static Parsed parse(String text, String comment) throws BadKeyException {
        if (text.length() > MAX_CHARS) {
            throw new BadKeyException("is longer than " + MAX_CHARS + " characters: that is not an SSH private key");
        }
        String key = text.replace("\r\n", "\n").strip() + "\n";
        if (key.startsWith("ssh-") || key.startsWith("ecdsa-")) {
            throw new BadKeyException("is a public key; give the private key (the file without .pub)");
        }
        List<KeyPair> pairs = load(key);
        if (pairs.size() != 1) {
            throw new BadKeyException("holds " + pairs.size() + " keys; give one");
        }
        KeyPair pair = pairs.getFirst();
        String type = KeyUtils.getKeyType(pair);
        if (KeyPairProvider.SSH_RSA.equals(type)) {
            int bits = ((RSAKey) pair.getPublic()).getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new BadKeyException("is a " + bits + "-bit RSA key; RSA keys need at least " + MIN_RSA_BITS
                        + " bits (or use ed25519)");
            }
        } else if (!KeyPairProvider.SSH_ED25519.equals(type)) {
            throw new BadKeyException("is a key of type " + (type == null ? "unknown" : type)
                    + "; only ed25519 and RSA keys of " + MIN_RSA_BITS + " bits or more are accepted");
        }
        String line = PublicKeyEntry.toString(pair.getPublic()) + " " + comment;
        return new Parsed(key, type, line, KeyUtils.getFingerPrint(BuiltinDigests.sha256, pair.getPublic()));
    }

    /** A new ed25519 key pair, its private half in OpenSSH format. */
    static Parsed generate(String comment) {
        try {
            KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, out);
            return parse(out.toString(StandardCharsets.US_ASCII), comment);
        } catch (IOException | GeneralSecurityException | BadKeyException e) {
            throw new IllegalStateException("this Java runtime cannot make ed25519 keys", e);
        }
    }

    private static List<KeyPair> load(String key) throws BadKeyException {
        AtomicBoolean askedForPassphrase = new AtomicBoolean();
        FilePasswordProvider noPassphrase = (session, resource, retry) -> {
            askedForPassphrase.set(true);
            return null;
        };
        List<KeyPair> pairs = new ArrayList<>();
        try {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(
                    null,
                    NamedResource.ofName("credential"),
                    new ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8)),
                    noPassphrase);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (askedForPassphrase.get()) {
                throw passphrase();
            }
            throw notAKey();
        }
        if (askedForPassphrase.get()) {
            throw passphrase();
        }
        if (pairs.isEmpty()) {
            throw notAKey();
        }
        return pairs;
    }

    private static BadKeyException passphrase() {
        return new BadKeyException("is protected by a passphrase; remove it (ssh-keygen -p -N '' -f KEYFILE on a copy)"
                + " and give the key again: billing keeps it encrypted under its own key");
    }

    private static BadKeyException notAKey() {
        return new BadKeyException("is not a private key in OpenSSH or PEM format (it begins with"
                + " '-----BEGIN OPENSSH PRIVATE KEY-----' or '-----BEGIN ... PRIVATE KEY-----')");
    }
}
