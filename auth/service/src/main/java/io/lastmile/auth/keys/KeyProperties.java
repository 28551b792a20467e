package io.lastmile.auth.keys;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signing key rotation.
 *
 * @param rotateEvery a key older than this is replaced by a new one (checked hourly)
 * @param retention how long a replaced key stays published: longer than any token it signed lives
 */
@ConfigurationProperties("lastmile.auth.keys")
public record KeyProperties(
        @DefaultValue("30d") Duration rotateEvery,
        @DefaultValue("2h") Duration retention) {}
