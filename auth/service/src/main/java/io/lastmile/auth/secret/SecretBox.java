package io.lastmile.auth.secret;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals auth's secrets (operators' TOTP secrets) with AES-256-GCM under auth's own key file, so
 * a dump of auth's database alone reveals none. A sealed value is {@code version (1) | nonce (12,
 * random) | ciphertext | tag (16)}, bound to its context (e.g. {@code totp:admin}) as authenticated
 * data: a value copied to another row does not open there.
 */
public final class SecretBox {

    static final byte VERSION = 1;
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final String origin;

    SecretBox(byte[] key, String origin) {
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(
                    "auth's secret key is " + KEY_BYTES + " bytes (AES-256), " + origin + " holds " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.origin = origin;
    }

    /** The box whose key is in {@code file} (one line of base64); a missing file gets a fresh key, mode 0600. */
    public static SecretBox fromKeyFile(Path file) {
        Path path = file.toAbsolutePath().normalize();
        try {
            if (Files.notExists(path)) {
                create(path);
            }
            byte[] key = Base64.getDecoder()
                    .decode(Files.readString(path, StandardCharsets.US_ASCII).strip());
            return new SecretBox(key, "key file " + path);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "auth's secret key file " + path + " cannot be read or created: " + e.getMessage()
                            + "; check that its directory belongs to the user auth runs as",
                    e);
        }
    }

    private static void create(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        Path temp = Files.createTempFile(
                path.getParent(),
                ".secret-",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.createLink(path, temp);
        } catch (FileAlreadyExistsException e) {
            // another process made it first: use theirs
        } finally {
            Files.delete(temp);
        }
    }

    public byte[] seal(byte[] plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(context));
            byte[] body = cipher.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE_BYTES + body.length)
                    .put(VERSION)
                    .put(nonce)
                    .put(body)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal with AES-256-GCM", e);
        }
    }

    /** @throws IllegalStateException if the value was altered, moved, or sealed under another key */
    public byte[] open(byte[] sealed, String context) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalStateException("a sealed value is damaged or of an unknown format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(aad(context));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "a sealed value does not open with the " + origin
                            + ": restore the original key file from backup, or enrol the operator's TOTP again",
                    e);
        }
    }

    private static byte[] aad(String context) {
        byte[] text = context.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + text.length).put(VERSION).put(text).array();
    }

    @Override
    public String toString() {
        return "SecretBox[" + origin + "]";
    }
}
