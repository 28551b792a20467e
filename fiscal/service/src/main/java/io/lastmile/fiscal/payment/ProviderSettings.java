package io.lastmile.fiscal.payment;

/** Reads a provider's settings (implemented by the core; cached, refreshed on PUT). */
public interface ProviderSettings {

    /** The provider's settings; {@link ProviderConfig#disabled} when the operator never set them. */
    ProviderConfig of(String provider);
}
