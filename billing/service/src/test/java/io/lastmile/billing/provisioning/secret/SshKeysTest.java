package io.lastmile.billing.provisioning.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private keys made by the real ssh-keygen, read as operators hand them over. */
class SshKeysTest {

    @TempDir
    Path dir;

    @Test
    void readsAnEd25519KeyInOpenSshFormatWithTheFingerprintSshKeygenShows() throws Exception {
        Path key = keygen("ed", "-t", "ed25519");

        SshKeys.Parsed parsed = SshKeys.parse(Files.readString(key), "lastmile-ed");

        assertThat(parsed.type()).isEqualTo("ssh-ed25519");
        assertThat(parsed.fingerprint()).isEqualTo(sshKeygenFingerprint(key));
        assertThat(parsed.publicKeyLine()).isEqualTo(publicHalf(key) + " lastmile-ed");
        assertThat(parsed.privateKey()).isEqualTo(Files.readString(key));
        assertThat(parsed.toString()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void readsRsaKeysOf2048BitsAndMoreInPemPkcs8AndOpenSshFormats() throws Exception {
        for (Path key : List.of(
                keygen("pem", "-t", "rsa", "-b", "2048", "-m", "PEM"),
                keygen("pkcs8", "-t", "rsa", "-b", "2048", "-m", "PKCS8"),
                keygen("openssh", "-t", "rsa", "-b", "3072"))) {
            SshKeys.Parsed parsed = SshKeys.parse(Files.readString(key), "c");

            assertThat(parsed.type()).as(key.toString()).isEqualTo("ssh-rsa");
            assertThat(parsed.fingerprint()).as(key.toString()).isEqualTo(sshKeygenFingerprint(key));
            assertThat(parsed.publicKeyLine()).as(key.toString()).isEqualTo(publicHalf(key) + " c");
        }
    }

    @Test
    void aKeyPastedWithWindowsLineEndsAndBlankLinesIsReadAndKeptWithUnixOnes() throws Exception {
        Path key = keygen("ed", "-t", "ed25519");
        String pasted = "\r\n" + Files.readString(key).replace("\n", "\r\n") + "\r\n\r\n";

        SshKeys.Parsed parsed = SshKeys.parse(pasted, "c");

        assertThat(parsed.privateKey()).isEqualTo(Files.readString(key));
        assertThat(parsed.fingerprint()).isEqualTo(sshKeygenFingerprint(key));
    }

    @Test
    void refusesRsaKeysShorterThan2048Bits() throws Exception {
        String key = Files.readString(keygen("small", "-t", "rsa", "-b", "1024"));

        assertThatThrownBy(() -> SshKeys.parse(key, "c"))
                .isInstanceOf(SshKeys.BadKeyException.class)
                .hasMessage("is a 1024-bit RSA key; RSA keys need at least 2048 bits (or use ed25519)");
    }

    @Test
    void refusesEcdsaKeysNamingTheirType() throws Exception {
        String key = Files.readString(keygen("ec", "-t", "ecdsa", "-b", "256"));

        assertThatThrownBy(() -> SshKeys.parse(key, "c"))
                .isInstanceOf(SshKeys.BadKeyException.class)
                .hasMessageContaining("ecdsa-sha2-nistp256")
                .hasMessageContaining("only ed25519 and RSA keys");
    }

    @Test
    void refusesPassphraseProtectedKeysInEveryFormatSayingHowToRemoveIt() throws Exception {
        for (Path key : List.of(
                keygen("ed", "-t", "ed25519", "-N", "correct horse"),
                keygen("pem", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "correct horse"),
                keygen("pkcs8", "-t", "rsa", "-b", "2048", "-m", "PKCS8", "-N", "correct horse"))) {
            String text = Files.readString(key);

            assertThatThrownBy(() -> SshKeys.parse(text, "c"))
                    .as(key.toString())
                    .isInstanceOf(SshKeys.BadKeyException.class)
                    .hasMessageContaining("protected by a passphrase")
                    .hasMessageContaining("ssh-keygen -p");
        }
    }

    @Test
    void refusesAPublicKeyAskingForThePrivateOne() throws Exception {
        Path key = keygen("ed", "-t", "ed25519");
        String pub = Files.readString(Path.of(key + ".pub"));

        assertThatThrownBy(() -> SshKeys.parse(pub, "c"))
                .isInstanceOf(SshKeys.BadKeyException.class)
                .hasMessageContaining("is a public key");
    }

    @Test
    void refusesTextThatIsNoKeyWithoutQuotingIt() throws Exception {
        String damaged = Files.readString(keygen("ed", "-t", "ed25519")).replace("A", "*");
        for (String text : List.of(
                "hunter2-the-password",
                "-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LXNlY3JldA==\n-----END OPENSSH PRIVATE KEY-----",
                damaged)) {
            assertThatThrownBy(() -> SshKeys.parse(text, "c"))
                    .isInstanceOf(SshKeys.BadKeyException.class)
                    .hasMessageContaining("is not a private key in OpenSSH or PEM format")
                    .message()
                    .doesNotContain("hunter2")
                    .doesNotContain("c2VjcmV0");
        }
        assertThatThrownBy(() -> SshKeys.parse("x".repeat(20_000), "c"))
                .hasMessageContaining("longer than 16384 characters");
    }

    @Test
    void generatesEd25519KeysThatSshKeygenReadsToTheSamePublicKey() throws Exception {
        SshKeys.Parsed generated = SshKeys.generate("lastmile-new");
        Path file = dir.resolve("generated");
        Files.writeString(file, generated.privateKey());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThat(generated.type()).isEqualTo("ssh-ed25519");
        assertThat(generated.privateKey()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        assertThat(run("ssh-keygen", "-y", "-f", file.toString()).strip()).isEqualTo(generated.publicKeyLine());
        assertThat(generated.fingerprint()).isEqualTo(sshKeygenFingerprint(file));
        assertThat(SshKeys.generate("c").fingerprint()).isNotEqualTo(generated.fingerprint());
    }

    private Path keygen(String name, String... options) throws IOException, InterruptedException {
        Path file = dir.resolve(name + "-" + System.nanoTime());
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-f", file.toString(), "-C", "test"));
        command.addAll(List.of(options));
        if (!command.contains("-N")) {
            command.addAll(List.of("-N", ""));
        }
        run(command.toArray(String[]::new));
        return file;
    }

    /** The type and base64 of the key's .pub file, without ssh-keygen's comment. */
    private static String publicHalf(Path key) throws IOException {
        String[] parts = Files.readString(Path.of(key + ".pub")).strip().split(" ");
        return parts[0] + " " + parts[1];
    }

    private static String sshKeygenFingerprint(Path key) throws IOException, InterruptedException {
        return run("ssh-keygen", "-l", "-E", "sha256", "-f", key.toString()).split(" ")[1];
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ": " + out)
                .isZero();
        return out;
    }
}
