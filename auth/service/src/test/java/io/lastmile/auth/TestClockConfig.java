package io.lastmile.auth;

import io.lastmile.testkit.TestClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** auth's clock, moved by the test: lockouts ending, reset links expiring, TOTP steps, key retention. */
@TestConfiguration(proxyBeanMethods = false)
class TestClockConfig {

    static final TestClock CLOCK = new TestClock(Instant.now(), ZoneOffset.UTC);

    @Bean
    Clock clock() {
        return CLOCK;
    }
}
