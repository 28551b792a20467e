package io.lastmile.auth.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Throttling of failed logins.
 *
 * @param maxFailuresPerLogin failures of one login within {@code window} that lock it
 * @param maxFailuresPerAddress failures from one source address within {@code window} that lock it
 * @param window how far back failures count
 * @param lockFor how long a lock lasts
 */
@ConfigurationProperties("lastmile.auth.login")
public record LoginProperties(
        @DefaultValue("5") int maxFailuresPerLogin,
        @DefaultValue("20") int maxFailuresPerAddress,
        @DefaultValue("15m") Duration window,
        @DefaultValue("15m") Duration lockFor) {}
