package io.lastmile.fiscal.security;

import io.lastmile.platform.security.JwtRolesConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * fiscal's chain: the platform's (a valid token for everything, each /api handler's permission
 * checked by the platform's interceptor) except the providers' notifications under {@code /pay/**},
 * which carry no token: each adapter checks the provider's signature or source network itself.
 */
@Configuration(proxyBeanMethods = false)
class FiscalSecurity {

    static final String[] OPEN_API_DOCS = {
        "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"
    };

    @Bean
    SecurityFilterChain fiscalSecurityChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
                        .permitAll()
                        .requestMatchers(OPEN_API_DOCS)
                        .permitAll()
                        // providers' notifications: adapters verify signatures or source networks
                        .requestMatchers("/pay/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(
                        resource -> resource.jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtRolesConverter())))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
