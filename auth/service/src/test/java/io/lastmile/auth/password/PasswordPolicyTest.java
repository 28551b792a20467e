package io.lastmile.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordPolicyTest {

    final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void shipsAListOfThousandsOfCommonPasswords() {
        assertThat(policy.size()).isGreaterThan(5_000);
    }

    @Test
    void refusesShortPasswords() {
        assertThat(policy.problem("Tr0ub4dor", "ivan")).hasValue("a password has at least 10 characters");
    }

    @Test
    void refusesThePasswordThatIsOrContainsTheLogin() {
        assertThat(policy.problem("ivanov2024!", "ivanov")).get().asString().contains("login");
        assertThat(policy.problem("IVANOV-and-more", "ivanov")).get().asString().contains("login");
    }

    @Test
    void refusesCommonPasswordsWhateverTheirCase() {
        assertThat(policy.problem("Password123", "ivan")).get().asString().contains("common");
        assertThat(policy.problem("QWERTYUIOP", "ivan")).get().asString().contains("common");
        assertThat(policy.problem("1234567890", "ivan")).get().asString().contains("common");
    }

    @Test
    void acceptsALongUncommonPassword() {
        assertThat(policy.problem("correct horse battery staple", "ivan")).isEmpty();
    }

    @Test
    void hashesNewPasswordsWithArgon2idAndStillVerifiesBcrypt() {
        PasswordEncoder encoder = new PasswordConfig().passwordEncoder();
        String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder().encode("old secret");

        String fresh = encoder.encode("new secret");

        assertThat(fresh).startsWith("{argon2}$argon2id$");
        assertThat(encoder.matches("new secret", fresh)).isTrue();
        assertThat(encoder.matches("old secret", bcrypt)).isTrue();
        assertThat(encoder.upgradeEncoding(bcrypt)).isTrue();
        assertThat(encoder.upgradeEncoding(fresh)).isFalse();
    }
}
