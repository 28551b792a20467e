package io.lastmile.fiscal.provider.settings;

import java.util.List;

/** A provider as the operator sees it: secrets only say whether they are set, never their values. */
record ProviderView(String provider, boolean enabled, boolean testMode, List<Setting> settings) {

    /** @param value the value of a non-secret setting; always null for a secret */
    record Setting(String name, boolean secret, boolean required, String description, boolean set, String value) {}
}
