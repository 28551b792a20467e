package io.lastmile.platform.secret;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key file: one line of base64 (44 characters for 32 bytes), or 32 raw bytes as {@code head -c
 * 32 /dev/urandom} writes them. A missing file is created with a fresh key, mode 0600, in a
 * directory created with mode 0700; two processes starting at once agree on one key (the file
 * appears atomically and is never replaced).
 */
final class KeyFile {

    private static final Logger log = LoggerFactory.getLogger(KeyFile.class);

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private KeyFile() {}

    static byte[] readOrCreate(Path file) {
        try {
            if (Files.notExists(file)) {
                create(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new SecretBoxException(
                    "the secret key file " + file + " cannot be read or created ("
                            + e.getClass().getSimpleName()
                            + "): check that the directory exists and belongs to the user the module runs as",
                    e);
        }
    }

    static byte[] read(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        try {
            byte[] key = parse(content);
            if (key == null) {
                throw new SecretBoxException("the secret key file " + file + " does not hold a 256-bit key ("
                        + content.length + " bytes; expected one line of 44 base64 characters or 32 raw bytes):"
                        + " restore it from backup, without it stored credentials cannot be opened");
            }
            warnIfOthersCanRead(file);
            return key;
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /** The key in a file's content, or null if it holds none. */
    static byte[] parse(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1).strip();
        if (text.length() == 44 && text.chars().allMatch(KeyFile::isBase64)) {
            try {
                byte[] key = Base64.getDecoder().decode(text);
                if (key.length == SecretBox.KEY_BYTES) {
                    return key;
                }
            } catch (IllegalArgumentException e) {
                // not base64 after all: maybe raw bytes
            }
        }
        return content.length == SecretBox.KEY_BYTES ? content.clone() : null;
    }

    private static boolean isBase64(int c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '+'
                || c == '/'
                || c == '=';
    }

    static void create(Path file) throws IOException {
        Path dir = file.getParent();
        boolean posix =
                Files.getFileStore(existingAncestor(dir)).supportsFileAttributeView(PosixFileAttributeView.class);
        if (Files.notExists(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectories(dir);
            }
        }
        byte[] key = new byte[SecretBox.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        byte[] line = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(key, (byte) 0);
        Path temp = posix
                ? Files.createTempFile(dir, ".secret-key-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.createTempFile(dir, ".secret-key-", ".tmp");
        try {
            if (posix) {
                Files.setPosixFilePermissions(temp, OWNER_FILE);
            }
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(line));
                out.force(true);
            }
            if (!publish(temp, file)) {
                return; // another process created it first: use theirs
            }
            syncDirectory(dir);
            log.info(
                    "created a new secret key in {} (mode 0600): back it up with the database; without it stored"
                            + " credentials and service values cannot be opened",
                    file);
        } finally {
            Arrays.fill(line, (byte) 0);
            Files.deleteIfExists(temp);
        }
    }

    /** Makes {@code temp} appear as {@code file} unless it exists; answers false if it did. */
    private static boolean publish(Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            try {
                Files.move(temp, file);
                return true;
            } catch (FileAlreadyExistsException exists) {
                return false;
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // best effort: not every file system lets a directory be synced
        }
    }

    private static Path existingAncestor(Path dir) throws NoSuchFileException {
        Path at = dir;
        while (at != null && Files.notExists(at)) {
            at = at.getParent();
        }
        if (at == null) {
            throw new NoSuchFileException(dir.toString());
        }
        return at;
    }

    private static void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn(
                        "the secret key file {} can be read by other users (mode {}): run chmod 600 on it",
                        file,
                        PosixFilePermissions.toString(mode));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
    }
}
