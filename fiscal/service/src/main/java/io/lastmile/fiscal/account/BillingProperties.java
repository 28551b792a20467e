package io.lastmile.fiscal.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param url billing's base URL; when blank, billing is found through the module registry
 */
@ConfigurationProperties("lastmile.fiscal.billing")
public record BillingProperties(String url) {}
