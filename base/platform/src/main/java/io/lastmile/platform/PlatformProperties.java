package io.lastmile.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a service finds its peers and who it is to them; the supervisor writes these for each
 * module it starts.
 *
 * @param auth where tokens come from and how they are checked
 * @param client this service's own OAuth2 client, for calls to other modules
 * @param registry the supervisor's module registry
 */
@ConfigurationProperties("lastmile.platform")
public record PlatformProperties(Auth auth, Client client, Registry registry) {

    public PlatformProperties {
        auth = auth == null ? new Auth(null, null, null) : auth;
        client = client == null ? new Client(null, null) : client;
        registry = registry == null ? new Registry(null) : registry;
    }

    /** The authorization server: its issuer id, its JWKS and its token endpoint. */
    public record Auth(String issuer, String jwkSetUri, String tokenUri) {}

    /** Client-credentials of this module; the secret is never logged. */
    public record Client(String id, String secret) {
        @Override
        public String toString() {
            return "Client[id=" + id + ", secret=***]";
        }
    }

    /** Base URL of the supervisor (module `base`). */
    public record Registry(String url) {}
}
