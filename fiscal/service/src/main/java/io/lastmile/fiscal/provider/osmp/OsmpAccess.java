package io.lastmile.fiscal.provider.osmp;

import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.provider.SourceNetworks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Who may call: OSMP signs nothing, so a request is heard from the configured networks only and,
 * when a login is set, with HTTP Basic credentials equal to the login and password set.
 */
final class OsmpAccess {

    private OsmpAccess() {}

    /**
     * @return empty when the request may go on, else the answer that refuses it
     * @throws IllegalArgumentException when the networks setting is not a list of CIDR blocks
     */
    static Optional<OsmpAnswer> refusal(ProviderConfig config, String remoteAddress, String authorization) {
        SourceNetworks networks = SourceNetworks.parse(
                config.value(OsmpProvider.SOURCE_NETWORKS).orElse(OsmpProvider.PUBLISHED_NETWORKS));
        if (!networks.contains(remoteAddress)) {
            return Optional.of(OsmpAnswer.denied(403, "not from a configured OSMP network"));
        }
        Optional<String> login = config.value(OsmpProvider.LOGIN);
        if (login.isPresent()) {
            String expected =
                    login.get() + ":" + config.value(OsmpProvider.PASSWORD).orElse("");
            if (!basicEquals(authorization, expected)) {
                return Optional.of(OsmpAnswer.denied(401, "HTTP Basic credentials required"));
            }
        }
        return Optional.empty();
    }

    /** Compares the decoded {@code login:password} in constant time; a missing or other scheme never matches. */
    static boolean basicEquals(String authorization, String expected) {
        if (authorization == null || authorization.length() < 6) {
            return false;
        }
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8));
    }
}
