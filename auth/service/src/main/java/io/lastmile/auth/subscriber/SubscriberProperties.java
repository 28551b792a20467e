package io.lastmile.auth.subscriber;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Subscribers' logins.
 *
 * @param emailLogin whether a subscriber may log in with their e-mail as well as the contract number
 * @param phoneLogin whether a subscriber may log in with their phone number
 * @param resetTtl how long a password-reset link works
 * @param billingUrl billing's base URL, where the reset link is sent as an account event
 */
@ConfigurationProperties("lastmile.auth.subscribers")
public record SubscriberProperties(
        @DefaultValue("false") boolean emailLogin,
        @DefaultValue("false") boolean phoneLogin,
        @DefaultValue("30m") Duration resetTtl,
        String billingUrl) {}
