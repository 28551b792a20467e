package io.lastmile.auth.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Origins (scheme://host:port) whose pages may call auth from a browser; none by default. */
@ConfigurationProperties("lastmile.auth.cors")
public record CorsProperties(List<String> allowedOrigins) {
    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }
}
