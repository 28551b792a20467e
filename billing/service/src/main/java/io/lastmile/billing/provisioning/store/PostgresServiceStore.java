package io.lastmile.billing.provisioning.store;

import io.lastmile.billing.api.provisioning.StoredValueView;
import io.lastmile.billing.provisioning.template.ServiceStore;
import io.lastmile.platform.secret.SecretBox;
import io.lastmile.platform.web.NotFoundException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * The values provisioning templates keep per user service, in table {@code service_storage},
 * sealed by the {@link SecretBox}: the generated password and named values such as a VPN key that a
 * script sent back, which the subscriber later downloads.
 *
 * <p>Names are 1 to 100 letters, digits, '.', '_' or '-', beginning with a letter or digit. The
 * generated password is kept under {@value #PASSWORD_KEY}, a key no name can be, and is read as
 * {@value #PASSWORD}; templates cannot write that name ({@code gen_store_pass()} makes it once).
 * Values are text of up to 1 MiB characters, kept exactly (line ends, trailing newlines).
 */
@Component
public class PostgresServiceStore implements ServiceStore {

    /** How the generated password is read, by templates and over HTTP. */
    public static final String PASSWORD = "password";

    /** Where the generated password is kept: outside the names a template can write. */
    static final String PASSWORD_KEY = ":password";

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    static final int MAX_VALUE_CHARS = 1 << 20;
    static final int MAX_PASSWORD_CHARS = 1024;

    private final ServiceStorageRepository repository;
    private final SecretBox box;
    private final Clock clock;

    PostgresServiceStore(ServiceStorageRepository repository, SecretBox box, Clock clock) {
        this.repository = repository;
        this.box = box;
        this.clock = clock;
    }

    /**
     * Inserts the candidate unless a password is stored (a concurrent insert waits for the first
     * to commit, then does nothing), then reads the one stored: every caller gets the same.
     */
    @Override
    public String passwordIfAbsent(long userServiceId, String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_PASSWORD_CHARS) {
            throw new IllegalArgumentException("a generated password is 1 to " + MAX_PASSWORD_CHARS + " characters");
        }
        try {
            repository.insertIfAbsent(
                    userServiceId,
                    PASSWORD_KEY,
                    box.seal(candidate, context(userServiceId, PASSWORD_KEY)),
                    clock.instant());
        } catch (DataIntegrityViolationException e) {
            throw noService(userServiceId);
        }
        return read(userServiceId, PASSWORD)
                .orElseThrow(() -> new IllegalStateException(
                        "the password of user service " + userServiceId + " was stored but cannot be read back"));
    }

    /** The value under {@code name}; {@value #PASSWORD} is the generated password. */
    @Override
    public Optional<String> read(long userServiceId, String name) {
        String key = key(name);
        if (key == null) {
            return Optional.empty(); // nothing can be stored under a name that is not one
        }
        return repository.value(userServiceId, key).map(value -> box.openString(value, context(userServiceId, key)));
    }

    /**
     * @throws IllegalArgumentException if the name is not one, is {@value #PASSWORD}, or the value is
     *     too long
     * @throws NotFoundException if there is no such user service
     */
    @Override
    public void write(long userServiceId, String name, String value) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a storage name is 1 to 100 letters, digits, '.', '_' or '-',"
                    + " beginning with a letter or digit");
        }
        if (name.equals(PASSWORD)) {
            throw new IllegalArgumentException(
                    "'" + PASSWORD + "' is the service's generated password: make it with gen_store_pass()");
        }
        if (value == null) {
            throw new IllegalArgumentException("the value for '" + name + "' is missing");
        }
        if (value.length() > MAX_VALUE_CHARS) {
            throw new IllegalArgumentException(
                    "the value for '" + name + "' is longer than " + MAX_VALUE_CHARS + " characters");
        }
        try {
            repository.upsert(userServiceId, name, box.seal(value, context(userServiceId, name)), clock.instant());
        } catch (DataIntegrityViolationException e) {
            throw noService(userServiceId);
        }
    }

    /**
     * What is stored for the service, by name ({@value #PASSWORD} for the generated password).
     *
     * @throws NotFoundException if there is no such user service
     */
    public List<StoredValueView> list(long userServiceId) {
        if (!repository.userServiceExists(userServiceId)) {
            throw noService(userServiceId);
        }
        return repository.entries(userServiceId).stream()
                .map(e -> new StoredValueView(e.name().equals(PASSWORD_KEY) ? PASSWORD : e.name(), e.updatedAt()))
                .sorted(Comparator.comparing(StoredValueView::name))
                .toList();
    }

    /** The stored key of a name as read, or null if nothing can be stored under it. */
    private static String key(String name) {
        if (PASSWORD.equals(name)) {
            return PASSWORD_KEY;
        }
        return name != null && NAME.matcher(name).matches() ? name : null;
    }

    /** Binds each sealed value to its row: copied to another service or name, it does not open. */
    private static String context(long userServiceId, String key) {
        return "service-storage:" + userServiceId + ":" + key;
    }

    private static NotFoundException noService(long userServiceId) {
        return new NotFoundException("no user service " + userServiceId);
    }
}
