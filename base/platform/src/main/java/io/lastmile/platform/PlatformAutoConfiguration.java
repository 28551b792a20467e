package io.lastmile.platform;

import io.lastmile.platform.registry.RegistryClient;
import io.lastmile.platform.security.ApiRoutes;
import io.lastmile.platform.security.JwtRolesConverter;
import io.lastmile.platform.security.PeerClients;
import io.lastmile.platform.security.PermissionInterceptor;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.security.ServiceTokens;
import io.lastmile.platform.security.TokenValidators;
import io.lastmile.platform.web.ProblemHandler;
import java.time.Clock;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every Lastmile service gets by depending on the platform: JWT checks against auth's JWKS
 * (signature, expiry, issuer, audience `lastmile`), everything but health and the OpenAPI document
 * closed to anything but a valid token, each `/api` operation open only to the permissions its
 * handler declares ({@link RequiresPermission}), its own service token for calling peers, and the
 * registry client.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration"
        })
@EnableConfigurationProperties(PlatformProperties.class)
@Import(ProblemHandler.class)
public class PlatformAutoConfiguration {

    /** The OpenAPI document (JSON, YAML) and its Swagger UI, published when springdoc is present. */
    static final String[] OPEN_API_DOCS = {
        "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"
    };

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty("lastmile.platform.auth.jwk-set-uri")
    JwtDecoder jwtDecoder(PlatformProperties properties) {
        // keys are fetched lazily, so a module may start before auth answers
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withJwkSetUri(properties.auth().jwkSetUri()).build();
        decoder.setJwtValidator(TokenValidators.lastmile(properties.auth().issuer()));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
                        .permitAll()
                        // the API description is public; every operation it lists still needs a token
                        .requestMatchers(OPEN_API_DOCS)
                        .permitAll()
                        // which permission each operation needs is declared on its handler
                        // (@RequiresPermission) and checked by PermissionInterceptor
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(
                        resource -> resource.jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtRolesConverter())))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // bearer tokens only, no cookies: nothing for a cross-site request to ride on
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** Checks every `/api` handler's {@link RequiresPermission} before it runs. */
    @Bean
    WebMvcConfigurer permissionChecks() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new PermissionInterceptor());
            }
        };
    }

    /** A module with an `/api` handler that declares no permission does not start. */
    @Bean
    SmartInitializingSingleton everyApiHandlerDeclaresItsPermission(ListableBeanFactory context) {
        return () -> ApiRoutes.requireDeclared(ApiRoutes.of(context));
    }

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    ServiceTokens serviceTokens(PlatformProperties properties, Clock clock) {
        return new ServiceTokens(properties.auth(), properties.client(), clock);
    }

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    PeerClients peerClients(ServiceTokens tokens) {
        return new PeerClients(tokens);
    }

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    @ConditionalOnProperty("lastmile.platform.registry.url")
    RegistryClient registryClient(PeerClients peers, PlatformProperties properties) {
        return new RegistryClient(peers.forBaseUrl(properties.registry().url()));
    }
}
