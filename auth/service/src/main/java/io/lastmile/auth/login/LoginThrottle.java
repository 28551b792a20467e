package io.lastmile.auth.login;

import io.lastmile.auth.audit.Audit;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed logins per login and per source address, and locks either for a while when it has
 * failed too often. Unknown logins are counted and locked like real ones, so a lock says nothing
 * about whether a login exists.
 */
@Service
public class LoginThrottle {

    private final LoginThrottleRepository repository;
    private final LoginProperties properties;
    private final Audit audit;
    private final Clock clock;

    LoginThrottle(LoginThrottleRepository repository, LoginProperties properties, Audit audit, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public boolean locked(String login, String address) {
        Instant now = clock.instant();
        return repository.locked(LoginThrottleRepository.LOGIN, key(login), now)
                || repository.locked(LoginThrottleRepository.ADDRESS, address, now);
    }

    /** Counts a failure, in a transaction of its own, and locks what failed too often. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(String login, String address) {
        Instant now = clock.instant();
        String key = key(login);
        repository.addFailure(key, address, now);
        Instant since = now.minus(properties.window());
        Instant until = now.plus(properties.lockFor());
        if (repository.failuresOfLogin(key, since) >= properties.maxFailuresPerLogin()) {
            repository.lock(LoginThrottleRepository.LOGIN, key, until);
            audit.recordAs(null, key, "login.locked", address, "login locked until " + until);
        }
        if (repository.failuresFromAddress(address, since) >= properties.maxFailuresPerAddress()) {
            repository.lock(LoginThrottleRepository.ADDRESS, address, until);
            audit.recordAs(null, address, "login.address-locked", address, "address locked until " + until);
        }
    }

    @Transactional
    public void succeeded(String login) {
        repository.clear(key(login), clock.instant());
    }

    /** An operator's unlock of a login; returns whether it was locked. */
    @Transactional
    public boolean unlock(String login) {
        boolean wasLocked = repository.clear(key(login), clock.instant());
        audit.record(key(login), "login.unlocked", wasLocked ? "" : "was not locked");
        return wasLocked;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @Transactional
    public void purge() {
        repository.purge(clock.instant().minus(properties.window()).minus(properties.lockFor()));
    }

    static String key(String login) {
        return login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
    }
}
