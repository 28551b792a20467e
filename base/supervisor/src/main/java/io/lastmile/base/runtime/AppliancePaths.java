package io.lastmile.base.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the appliance keeps its files: jars are resolved against home; state (database, logs,
 * secrets, pid files) lives under var.
 */
public record AppliancePaths(Path home, Path config, Path var) {

    public static AppliancePaths of(Path home, Path config, Path var) {
        AppliancePaths paths = new AppliancePaths(
                home.toAbsolutePath().normalize(),
                home.resolve(config).toAbsolutePath().normalize(),
                home.resolve(var).toAbsolutePath().normalize());
        return paths;
    }

    public Path logs() {
        return var.resolve("log");
    }

    public Path run() {
        return var.resolve("run");
    }

    public Path pgdata() {
        return var.resolve("pgdata");
    }

    public Path secrets() {
        return var.resolve("secrets.properties");
    }

    /** The generated password of the first operator, kept only until `./lastmile up` has shown it. */
    public Path initialAdminPassword() {
        return var.resolve("initial-admin-password");
    }

    public Path log(String module) {
        return logs().resolve(module + ".log");
    }

    public Path pidFile(String module) {
        return run().resolve(module + ".pid");
    }

    public Path moduleProperties(String module) {
        return run().resolve(module + ".properties");
    }

    public Path jar(String jar) {
        return home.resolve(jar).normalize();
    }

    public void createDirectories() {
        try {
            Files.createDirectories(logs());
            Files.createDirectories(run());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + var, e);
        }
    }
}
