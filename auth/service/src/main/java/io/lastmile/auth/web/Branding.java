package io.lastmile.auth.web;

import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The operator's branding, checked once: colours must be CSS hex colours, the logo an http(s) URL. */
@Component
public class Branding {

    static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{3,8}");

    private final BrandingProperties properties;

    Branding(BrandingProperties properties) {
        if (!COLOUR.matcher(properties.primaryColor()).matches()
                || !COLOUR.matcher(properties.backgroundColor()).matches()) {
            throw new IllegalStateException(
                    "lastmile.auth.branding.primary-color and background-color are hex colours" + " such as #0d6efd");
        }
        if (properties.logoUrl() != null
                && !properties.logoUrl().isBlank()
                && !properties.logoUrl().matches("(https?://|/)[^\\s\"'<>]+")) {
            throw new IllegalStateException("lastmile.auth.branding.logo-url is an http(s) URL or a path");
        }
        this.properties = properties;
    }

    public void addTo(Model model) {
        model.addAttribute("brand", properties);
    }

    String css() {
        return ":root { --brand: " + properties.primaryColor() + "; --brand-bg: " + properties.backgroundColor()
                + "; }\n";
    }
}
