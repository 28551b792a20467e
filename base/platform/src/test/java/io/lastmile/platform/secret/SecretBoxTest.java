package io.lastmile.platform.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SecretBoxTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger keyFileLog = (Logger) LoggerFactory.getLogger(KeyFile.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        keyFileLog.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        keyFileLog.detachAppender(logs);
    }

    @Test
    void sealsAndOpensTextAndBytes() {
        SecretBox box = SecretBox.fromKeyFile(dir.resolve("secret.key"));
        String text = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\r\nпароль ✓\n\n";

        assertThat(box.openString(box.seal(text, "credential:a"), "credential:a"))
                .isEqualTo(text);
        assertThat(box.open(box.seal(new byte[] {0, 1, 2, (byte) 255}, "x"), "x"))
                .containsExactly(0, 1, 2, 255);
        assertThat(box.openString(box.seal("", "x"), "x")).isEmpty();
    }

    @Test
    void aSealedValueIsVersionNonceAndCiphertextWithItsTagAndDiffersEveryTime() {
        SecretBox box = SecretBox.fromKeyFile(dir.resolve("secret.key"));
        byte[] plain = "hunter2-hunter2-hunter2".getBytes(StandardCharsets.UTF_8);

        byte[] first = box.seal(plain, "c");
        byte[] second = box.seal(plain, "c");

        assertThat(first).hasSize(1 + 12 + plain.length + 16);
        assertThat(first[0]).isEqualTo((byte) 1);
        assertThat(first).isNotEqualTo(second);
        assertThat(java.util.Arrays.copyOfRange(first, 1, 13))
                .as("nonce")
                .isNotEqualTo(java.util.Arrays.copyOfRange(second, 1, 13));
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("hunter2");
    }

    @Test
    void anAlteredByteAnywhereIsRefusedNamingTheCause() {
        SecretBox box = SecretBox.fromKeyFile(dir.resolve("secret.key"));
        byte[] sealed = box.seal("the secret", "c");

        for (int at : new int[] {1, 12, 13, sealed.length - 17, sealed.length - 1}) {
            byte[] altered = sealed.clone();
            altered[at] ^= 0x01;
            assertThatThrownBy(() -> box.open(altered, "c"))
                    .as("byte %d altered", at)
                    .isInstanceOf(SecretBoxException.class)
                    .hasMessageContaining("the stored value was altered")
                    .hasMessageContaining("key file " + dir.resolve("secret.key"))
                    .message()
                    .doesNotContain("Tag mismatch");
        }
    }

    @Test
    void aValueSealedUnderAnotherKeyDoesNotOpen() {
        SecretBox ours = SecretBox.fromKeyFile(dir.resolve("ours.key"));
        SecretBox theirs = SecretBox.fromKeyFile(dir.resolve("theirs.key"));

        assertThatThrownBy(() -> ours.open(theirs.seal("the secret", "c"), "c"))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("not the key it was sealed with")
                .hasMessageContaining("restore the original from backup");
    }

    @Test
    void aValueMovedToAnotherPlaceDoesNotOpenThere() {
        SecretBox box = SecretBox.fromKeyFile(dir.resolve("secret.key"));

        byte[] sealed = box.seal("the secret", "credential:a");

        assertThatThrownBy(() -> box.open(sealed, "credential:b")).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void truncatedValuesAndUnknownVersionsAreRefusedAsSuch() {
        SecretBox box = SecretBox.fromKeyFile(dir.resolve("secret.key"));
        byte[] sealed = box.seal("x", "c");
        byte[] future = sealed.clone();
        future[0] = 2;

        assertThatThrownBy(() -> box.open(new byte[20], "c"))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> box.open(null, "c")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open(future, "c"))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("format version 2")
                .hasMessageContaining("only version 1");
    }

    @Test
    void aMissingKeyFileIsCreatedForTheOwnerOnlyAndTheLogSaysWhereButNotTheKey() throws Exception {
        Path file = dir.resolve("var/billing/secret.key");

        SecretBox box = SecretBox.fromKeyFile(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        String content = Files.readString(file);
        assertThat(content).matches("[A-Za-z0-9+/]{43}=\n");
        assertThat(Base64.getDecoder().decode(content.strip())).hasSize(32);
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).as("no temporary file left").containsExactly(file);
        }
        assertThat(logs.list).hasSize(1);
        ILoggingEvent line = logs.list.getFirst();
        assertThat(line.getLevel().toString()).isEqualTo("INFO");
        assertThat(line.getFormattedMessage())
                .contains(file.toString())
                .contains("back it up")
                .doesNotContain(content.strip());
        assertThat(box.toString()).doesNotContain(content.strip());
    }

    @Test
    void anExistingKeyFileIsUsedAsItIs() throws Exception {
        Path file = dir.resolve("secret.key");
        byte[] sealed = SecretBox.fromKeyFile(file).seal("kept", "c");
        String before = Files.readString(file);
        logs.list.clear();

        SecretBox again = SecretBox.fromKeyFile(file);

        assertThat(again.openString(sealed, "c")).isEqualTo("kept");
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(logs.list).as("nothing created, nothing to warn about").isEmpty();
    }

    @Test
    void aKeyFileOfThirtyTwoRawBytesIsAccepted() throws Exception {
        Path file = dir.resolve("raw.key");
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        raw[0] = (byte) 0x80; // not text
        Files.write(file, raw);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        SecretBox box = SecretBox.fromKeyFile(file);
        Files.writeString(dir.resolve("b64.key"), Base64.getEncoder().encodeToString(raw) + "\n");

        assertThat(SecretBox.fromKeyFile(dir.resolve("b64.key")).openString(box.seal("same key", "c"), "c"))
                .isEqualTo("same key");
    }

    @Test
    void aDamagedKeyFileStopsStartWithAMessageNamingIt() throws Exception {
        Path file = dir.resolve("secret.key");
        Files.writeString(file, "not a key\n");
        Path empty = dir.resolve("empty.key");
        Files.createFile(empty);

        assertThatThrownBy(() -> SecretBox.fromKeyFile(file))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("does not hold a 256-bit key")
                .hasMessageContaining("restore it from backup");
        assertThatThrownBy(() -> SecretBox.fromKeyFile(empty))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("does not hold a 256-bit key");
        assertThat(Files.readString(file)).as("left as it was").isEqualTo("not a key\n");
    }

    @Test
    void aKeyFileWhereNoneCanBeCreatedIsReportedWithItsPath() throws Exception {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file, not a directory");
        Path file = blocker.resolve("secret.key");

        assertThatThrownBy(() -> SecretBox.fromKeyFile(file))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("cannot be read or created");
    }

    @Test
    void aKeyFileOthersCanReadIsUsedWithAWarning() throws Exception {
        Path file = dir.resolve("secret.key");
        SecretBox.fromKeyFile(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        logs.list.clear();

        SecretBox.fromKeyFile(file);

        assertThat(logs.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel().toString()).isEqualTo("WARN");
            assertThat(e.getFormattedMessage()).contains(file.toString()).contains("chmod 600");
        });
    }

    @Test
    void processesCreatingTheKeyAtOnceAgreeOnOne() throws Exception {
        Path file = dir.resolve("new/secret.key");
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<SecretBox>> boxes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                boxes.add(pool.submit(() -> {
                    start.await();
                    return SecretBox.fromKeyFile(file);
                }));
            }
            start.countDown();
            byte[] sealed = boxes.getFirst().get().seal("shared", "c");
            Set<String> opened = new HashSet<>();
            for (Future<SecretBox> box : boxes) {
                opened.add(box.get().openString(sealed, "c"));
            }
            assertThat(opened).containsExactly("shared");
            assertThat(logs.list).as("one creator").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
