package io.lastmile.fiscal.payment;

/**
 * One setting of a provider.
 *
 * @param name the key in the settings document, e.g. {@code password2}, {@code apiBaseUrl}
 * @param secret write-only: sealed at rest, never returned by the API, never logged
 * @param required the provider cannot be enabled without it
 * @param description what it is, for the operator (where the provider's cabinet shows it)
 */
public record ProviderSetting(String name, boolean secret, boolean required, String description) {

    public static ProviderSetting secret(String name, String description) {
        return new ProviderSetting(name, true, true, description);
    }

    public static ProviderSetting required(String name, String description) {
        return new ProviderSetting(name, false, true, description);
    }

    public static ProviderSetting optional(String name, String description) {
        return new ProviderSetting(name, false, false, description);
    }
}
