package io.lastmile.fiscal.receipt.atol;

import io.lastmile.platform.secret.SecretBox;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * ATOL's settings: the database's row once an administrator saved one, else the {@code
 * lastmile.fiscal.atol.*} properties (a fresh install's defaults). The password is sealed with
 * the key file that seals providers' secrets. The timeouts, token lifetime and time zone stay in
 * the properties.
 */
@Service
class AtolSettingsService {

    private static final Logger log = LoggerFactory.getLogger(AtolSettingsService.class);
    private static final String CONTEXT = "atol_settings:password";

    private final AtolSettingsRepository repository;
    private final AtolProperties defaults;
    private final SecretBox box;
    private final Clock clock;

    AtolSettingsService(
            AtolSettingsRepository repository,
            AtolProperties defaults,
            @Value("${lastmile.fiscal.secrets.key-file:var/fiscal/secret.key}") Path keyFile,
            Clock clock) {
        this.repository = repository;
        this.defaults = defaults;
        this.box = SecretBox.fromKeyFile(keyFile);
        this.clock = clock;
    }

    /** The settings in force now; read for every ATOL call, so a change needs no restart. */
    AtolProperties current() {
        return repository.find().map(this::of).orElse(defaults);
    }

    @Transactional(readOnly = true)
    AtolSettingsView view() {
        Optional<AtolSettingsRepository.Stored> stored = repository.find();
        AtolProperties s = stored.map(this::of).orElse(defaults);
        return new AtolSettingsView(
                s.enabled(),
                s.baseUrl(),
                s.login(),
                s.password() != null && !s.password().isBlank(),
                s.groupCode(),
                s.inn(),
                s.paymentAddress(),
                s.companyEmail(),
                s.sno(),
                s.vat(),
                s.itemName(),
                s.paymentObject(),
                s.paymentMethod(),
                stored.isPresent() ? "database" : "properties",
                stored.map(AtolSettingsRepository.Stored::updatedBy).orElse(null),
                stored.map(AtolSettingsRepository.Stored::updatedAt).orElse(null));
    }

    @Transactional
    AtolSettingsView update(AtolSettingsUpdate u, String by) {
        repository.lock();
        AtolProperties was = current();
        AtolProperties next = new AtolProperties(
                u.enabled() != null ? u.enabled() : was.enabled(),
                trimmed(u.baseUrl(), was.baseUrl()),
                trimmed(u.login(), was.login()),
                u.password() != null && !u.password().isEmpty() ? u.password() : was.password(),
                trimmed(u.groupCode(), was.groupCode()),
                trimmed(u.inn(), was.inn()),
                trimmed(u.paymentAddress(), was.paymentAddress()),
                trimmed(u.companyEmail(), was.companyEmail()),
                trimmed(u.sno(), was.sno()),
                trimmed(u.vat(), was.vat()),
                trimmed(u.itemName(), was.itemName()),
                u.paymentObject() != null ? u.paymentObject() : was.paymentObject(),
                trimmed(u.paymentMethod(), was.paymentMethod()),
                was.zone(),
                was.timeout(),
                was.tokenLifetime());
        AtolSettingsRules.check(next);
        repository.save(new AtolSettingsRepository.Stored(
                next.enabled(),
                next.baseUrl(),
                next.login(),
                next.password() == null || next.password().isBlank() ? null : box.seal(next.password(), CONTEXT),
                next.groupCode(),
                next.inn(),
                next.paymentAddress(),
                next.companyEmail(),
                next.sno(),
                next.vat(),
                next.itemName(),
                next.paymentObject(),
                next.paymentMethod(),
                by,
                clock.instant()));
        log.info(
                "ATOL settings changed by {}: enabled={}, baseUrl={}, group={}, password {}",
                by,
                next.enabled(),
                next.baseUrl(),
                next.groupCode(),
                u.password() != null && !u.password().isEmpty() ? "replaced" : "kept");
        return view();
    }

    private AtolProperties of(AtolSettingsRepository.Stored s) {
        return new AtolProperties(
                s.enabled(),
                s.baseUrl(),
                s.login(),
                s.passwordSealed() == null ? null : box.openString(s.passwordSealed(), CONTEXT),
                s.groupCode(),
                s.inn(),
                s.paymentAddress(),
                s.companyEmail(),
                s.sno(),
                s.vat(),
                s.itemName(),
                s.paymentObject(),
                s.paymentMethod(),
                defaults.zone(),
                defaults.timeout(),
                defaults.tokenLifetime());
    }

    private static String trimmed(String given, String was) {
        return given == null ? was : given.strip();
    }
}
