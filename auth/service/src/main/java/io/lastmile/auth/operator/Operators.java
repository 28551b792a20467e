package io.lastmile.auth.operator;

import io.lastmile.auth.config.AuthProperties;
import io.lastmile.platform.security.Roles;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Operators who log in to the UIs; the first one, `admin`, is made at auth's first start. */
@Service
public class Operators implements UserDetailsService, SmartInitializingSingleton {

    public static final String FIRST_OPERATOR = "admin";
    private static final Logger log = LoggerFactory.getLogger(Operators.class);

    private final OperatorRepository repository;
    private final PasswordEncoder passwords;
    private final AuthProperties properties;

    Operators(OperatorRepository repository, PasswordEncoder passwords, AuthProperties properties) {
        this.repository = repository;
        this.passwords = passwords;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String initial = properties.admin().initialPassword();
        if (initial == null || initial.isBlank()) {
            return;
        }
        boolean created = repository.insertIfAbsent(
                new OperatorRepository.Operator(FIRST_OPERATOR, passwords.encode(initial), List.of(Roles.ADMIN), true));
        if (created) {
            log.info("created the first operator '{}'", FIRST_OPERATOR);
        }
    }

    @Override
    public UserDetails loadUserByUsername(String login) {
        OperatorRepository.Operator operator =
                repository.findByLogin(login).orElseThrow(() -> new UsernameNotFoundException("no such operator"));
        return User.withUsername(operator.login())
                .password(operator.passwordHash())
                .disabled(!operator.enabled())
                .authorities(operator.roles().stream()
                        .map(role -> new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT)))
                        .toList())
                .build();
    }
}
