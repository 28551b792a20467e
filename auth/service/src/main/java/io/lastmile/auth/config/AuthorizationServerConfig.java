package io.lastmile.auth.config;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.lastmile.auth.web.CorsProperties;
import io.lastmile.platform.security.JwtRolesConverter;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.TokenValidators;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Three chains: the authorization server's endpoints (token, JWKS, OIDC, authorize), auth's own
 * API (bearer tokens from auth itself, each path asking a permission), and the pages (login, TOTP,
 * password reset) with sessions, CSRF and the browser security headers.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    static final String[] OPEN_API_DOCS = {
        "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"
    };

    /** Pages allow only auth's own scripts and styles; images also from https (the operator's logo). */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:;"
            + " object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .cors(Customizer.withDefaults())
                .headers(AuthorizationServerConfig::browserHeaders)
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder) throws Exception {
        http.securityMatcher("/api/**", "/actuator/prometheus")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/prometheus")
                        .access(permission(Permissions.MONITORING_READ))
                        // each /api handler names its permission (@RequiresPermission), checked by
                        // the platform's interceptor as in every module; any other path is refused
                        .requestMatchers(
                                "/api/v1/operators/**",
                                "/api/v1/roles/**",
                                "/api/v1/clients/**",
                                "/api/v1/keys/**",
                                "/api/v1/subscribers/**",
                                "/api/v1/audit")
                        .authenticated()
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(resource ->
                        resource.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new JwtRolesConverter())))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(Customizer.withDefaults())
                // bearer tokens only, no cookies: nothing for a cross-site request to ride on
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/info",
                                "/login",
                                "/login/totp",
                                "/login/totp/enrol",
                                "/reset",
                                "/branding.css",
                                "/css/**",
                                "/error")
                        .permitAll()
                        .requestMatchers(OPEN_API_DOCS)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
                .cors(Customizer.withDefaults())
                .headers(AuthorizationServerConfig::browserHeaders)
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }

    private static void browserHeaders(
            org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> headers) {
        RequestMatcher swagger = new OrRequestMatcher(java.util.Arrays.stream(OPEN_API_DOCS)
                .map(p -> (RequestMatcher)
                        PathPatternRequestMatcher.withDefaults().matcher(p))
                .toList());
        headers.frameOptions(frame -> frame.deny())
                // written on HTTPS requests only (Spring's default), so TLS turns it on
                .httpStrictTransportSecurity(
                        hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                // Swagger UI runs inline scripts; every other page gets the strict policy
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        new NegatedRequestMatcher(swagger), new ContentSecurityPolicyHeaderWriter(CSP)));
    }

    /** A permission, held by name or through {@code *}. */
    static AuthorizationManager<RequestAuthorizationContext> permission(String permission) {
        return AuthorityAuthorizationManager.hasAnyAuthority(
                Permissions.authority(permission), Permissions.authority(Permissions.ALL));
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(3600L);
        return request -> properties.allowedOrigins().isEmpty() ? null : cors;
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    /**
     * auth's own API takes auth's tokens: signed by a published key, from this issuer, unexpired,
     * and naming the {@code lastmile} audience.
     */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, AuthProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource).build();
        decoder.setJwtValidator(TokenValidators.lastmile(properties.issuer()));
        return decoder;
    }

    @Bean
    RegisteredClientRepository registeredClients(JdbcOperations jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    /**
     * Authorizations in the database, their token claims as typed JSON. Besides what Spring
     * Security allows, the mapper reads back {@code java.lang.Long}: a subscriber's
     * {@code account_id} claim is one, and without it their refresh token could not be read.
     */
    @Bean
    OAuth2AuthorizationService authorizations(JdbcOperations jdbc, RegisteredClientRepository clients) {
        JdbcOAuth2AuthorizationService service = new JdbcOAuth2AuthorizationService(jdbc, clients);
        JsonMapper json = JsonMapper.builder()
                .addModules(SecurityJacksonModules.getModules(
                        getClass().getClassLoader(),
                        BasicPolymorphicTypeValidator.builder().allowIfSubType(Long.class)))
                .build();
        service.setAuthorizationRowMapper(
                new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationRowMapper(clients, json));
        service.setAuthorizationParametersMapper(
                new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationParametersMapper(json));
        return service;
    }
}
