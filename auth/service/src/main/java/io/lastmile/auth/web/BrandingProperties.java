package io.lastmile.auth.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How the login pages look: the ISP's name, logo and colours. */
@ConfigurationProperties("lastmile.auth.branding")
public record BrandingProperties(
        @DefaultValue("Lastmile") String name,
        String logoUrl,
        @DefaultValue("#0d6efd") String primaryColor,
        @DefaultValue("#f5f6f8") String backgroundColor) {}
