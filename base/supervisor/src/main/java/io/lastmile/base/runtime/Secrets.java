package io.lastmile.base.runtime;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The appliance's generated secrets (database passwords, OAuth2 client secrets), made once and
 * kept in a file only the appliance's user can read. Values never reach a log.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Properties values = new Properties();

    private Secrets(Path file) {
        this.file = file;
    }

    public static Secrets open(Path file) {
        Secrets secrets = new Secrets(file);
        if (Files.exists(file)) {
            try (var in = Files.newBufferedReader(file)) {
                secrets.values.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return secrets;
    }

    /** The secret under this key, generated and saved the first time it is asked for. */
    public synchronized String getOrCreate(String key) {
        String value = values.getProperty(key);
        if (value == null) {
            value = generate();
            values.setProperty(key, value);
            save();
        }
        return value;
    }

    public synchronized String get(String key) {
        return values.getProperty(key);
    }

    public static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void save() {
        StringWriter out = new StringWriter();
        try {
            values.store(out, "Lastmile appliance secrets: generated, keep private");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrivateFiles.write(file, out.toString());
    }

    public static String databasePasswordKey(String module) {
        return "db." + module + ".password";
    }

    public static String clientSecretKey(String client) {
        return "client." + client + ".secret";
    }

    public static final String POSTGRES_SUPERUSER = "db.superuser.password";
}
