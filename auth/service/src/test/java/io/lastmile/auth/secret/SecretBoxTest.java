package io.lastmile.auth.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    @TempDir
    Path dir;

    @Test
    void opensWhatItSealedForTheSameContext() {
        SecretBox box = SecretBox.fromKeyFile(dir.resolve("k/secret.key"));

        byte[] sealed = box.seal("totp secret".getBytes(StandardCharsets.UTF_8), "totp:admin");

        assertThat(new String(box.open(sealed, "totp:admin"), StandardCharsets.UTF_8))
                .isEqualTo("totp secret");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("totp secret");
    }

    @Test
    void refusesAValueMovedToAnotherRowOrAltered() {
        SecretBox box = SecretBox.fromKeyFile(dir.resolve("secret.key"));
        byte[] sealed = box.seal(new byte[] {1, 2, 3}, "totp:admin");
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;

        assertThatThrownBy(() -> box.open(sealed, "totp:cashier")).hasMessageContaining("does not open");
        assertThatThrownBy(() -> box.open(altered, "totp:admin")).hasMessageContaining("does not open");
    }

    @Test
    void keepsTheKeyFileItMadeForItsOwnerAndReadsTheSameKeyAgain() throws Exception {
        Path file = dir.resolve("secret.key");
        byte[] sealed = SecretBox.fromKeyFile(file).seal(new byte[] {42}, "c");

        SecretBox again = SecretBox.fromKeyFile(file);

        assertThat(again.open(sealed, "c")).containsExactly(42);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void refusesAValueSealedUnderAnotherKey() {
        byte[] sealed = SecretBox.fromKeyFile(dir.resolve("a.key")).seal(new byte[] {1}, "c");

        assertThatThrownBy(() -> SecretBox.fromKeyFile(dir.resolve("b.key")).open(sealed, "c"))
                .hasMessageContaining("restore the original key file");
    }
}
