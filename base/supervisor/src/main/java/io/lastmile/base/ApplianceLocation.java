package io.lastmile.base;

import io.lastmile.base.runtime.AppliancePaths;
import java.nio.file.Path;

/**
 * Where this appliance lives, from the environment ./lastmile sets: LASTMILE_HOME (default: the
 * working directory), LASTMILE_CONFIG (default config/appliance.yml) and LASTMILE_VAR (default var).
 */
public final class ApplianceLocation {

    private ApplianceLocation() {}

    public static AppliancePaths fromEnvironment() {
        Path home = Path.of(env("LASTMILE_HOME", "."));
        return AppliancePaths.of(
                home, Path.of(env("LASTMILE_CONFIG", "config/appliance.yml")), Path.of(env("LASTMILE_VAR", "var")));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
