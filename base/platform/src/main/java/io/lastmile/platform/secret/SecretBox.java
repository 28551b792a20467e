package io.lastmile.platform.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens secrets with AES-256-GCM under the appliance's key, so that the database (or a
 * dump of it) alone never reveals a credential.
 *
 * <p>A sealed value is {@code version (1 byte) | nonce (12 bytes, random) | ciphertext | tag (16
 * bytes)}. The version names the format and key generation, so that a later release can rotate
 * the key and still open what the old one sealed. Each value is bound to a context (where it is
 * stored, e.g. {@code credential:vpn-1}) as authenticated data, together with the version: a sealed
 * value copied into another row does not open there.
 *
 * <p>A random 96-bit nonce per value is safe for far more values than an appliance ever seals
 * under one key (NIST SP 800-38D bounds it at 2^32).
 */
public final class SecretBox {

    /** The format of what this version seals. */
    static final byte VERSION = 1;

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final String origin;

    /**
     * @param key 32 bytes of key material (copied)
     * @param origin where the key came from, for error messages (e.g. "key file /var/...")
     */
    SecretBox(byte[] key, String origin) {
        if (key == null || key.length != KEY_BYTES) {
            throw new SecretBoxException("a secret key is " + KEY_BYTES + " bytes (AES-256)");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.origin = origin;
    }

    /**
     * The box whose key is in {@code file}; a missing file is created with a fresh random key,
     * readable by its owner only.
     *
     * @throws SecretBoxException if the file cannot be read or created, or holds no usable key
     */
    public static SecretBox fromKeyFile(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        byte[] key = KeyFile.readOrCreate(absolute);
        try {
            return new SecretBox(key, "key file " + absolute);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Seals {@code plain} for {@code context}; every call gives a different result. */
    public byte[] seal(byte[] plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad(VERSION, context));
            byte[] sealed = new byte[1 + NONCE_BYTES + cipher.getOutputSize(plain.length)];
            sealed[0] = VERSION;
            System.arraycopy(nonce, 0, sealed, 1, NONCE_BYTES);
            cipher.doFinal(plain, 0, plain.length, sealed, 1 + NONCE_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("this Java runtime cannot seal with AES-256-GCM", e);
        }
    }

    /** Seals text (as UTF-8). */
    public byte[] seal(String plain, String context) {
        return seal(plain.getBytes(StandardCharsets.UTF_8), context);
    }

    /**
     * Opens what {@link #seal} sealed for the same {@code context}.
     *
     * @throws SecretBoxException if the value is damaged or altered, or was sealed under another key
     */
    public byte[] open(byte[] sealed, String context) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BYTES) {
            throw new SecretBoxException("a sealed value is damaged: it is " + (sealed == null ? 0 : sealed.length)
                    + " bytes, too short to be one");
        }
        if (sealed[0] != VERSION) {
            throw new SecretBoxException("a sealed value has format version " + (sealed[0] & 0xff)
                    + " and this release knows only version " + VERSION
                    + ": it was written by another release or damaged");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(aad(sealed[0], context));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SecretBoxException(
                    "a sealed value does not open with the " + origin + ": either that is not the key it was"
                            + " sealed with (a key file from another appliance, or a new one made after the old"
                            + " was lost: restore the original from backup), or the stored value was altered",
                    e);
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("this Java runtime cannot open AES-256-GCM", e);
        }
    }

    /** Opens sealed text. */
    public String openString(byte[] sealed, String context) {
        return new String(open(sealed, context), StandardCharsets.UTF_8);
    }

    private static byte[] aad(byte version, String context) {
        byte[] text = context.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + text.length).put(version).put(text).array();
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "SecretBox[" + origin + "]";
    }
}
