package io.lastmile.auth.password;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes new passwords and secrets with Argon2id ({@code {argon2}...}); hashes of the other
 * formats Spring Security knows (bcrypt, as auth wrote before) still verify and are rewritten as
 * Argon2id at the next successful login.
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfig {

    static final String ARGON2 = "argon2";

    @Bean
    PasswordEncoder passwordEncoder() {
        DelegatingPasswordEncoder legacy =
                (DelegatingPasswordEncoder) PasswordEncoderFactories.createDelegatingPasswordEncoder();
        Map<String, PasswordEncoder> encoders = new HashMap<>();
        encoders.put(ARGON2, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());
        encoders.put("bcrypt", new BCryptPasswordEncoder());
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder(ARGON2, encoders);
        // any other id Spring Security knows ({pbkdf2}, {scrypt}, ...) still verifies
        encoder.setDefaultPasswordEncoderForMatches(legacy);
        return encoder;
    }
}
