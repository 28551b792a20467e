package io.lastmile.auth.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token lifetimes.
 *
 * @param accessTtl access tokens of the UI clients (operators, subscribers)
 * @param refreshTtl refresh tokens of the UI clients; each use gives a new one (rotation)
 * @param serviceAccessTtl access tokens of service (client-credentials) clients
 */
@ConfigurationProperties("lastmile.auth.tokens")
public record TokenProperties(
        @DefaultValue("5m") Duration accessTtl,
        @DefaultValue("8h") Duration refreshTtl,
        @DefaultValue("10m") Duration serviceAccessTtl) {}
