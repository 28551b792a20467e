package io.lastmile.billing.peer;

import io.lastmile.platform.PlatformProperties;
import io.lastmile.platform.security.PeerClients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** Auth's API as billing calls it: at auth's issuer address, with billing's own service token. */
@Component
@ConditionalOnProperty("lastmile.platform.auth.issuer")
public class AuthApi {

    private final ObjectProvider<PeerClients> peers;
    private final String url;

    AuthApi(ObjectProvider<PeerClients> peers, PlatformProperties properties) {
        this.peers = peers;
        this.url = properties.auth().issuer();
    }

    /** A client for auth's API; the service token is fetched, and renewed, on first use. */
    public RestClient client() {
        return peers.getObject().forBaseUrl(url);
    }

    /** Auth did not answer: the periodic job's run fails and is retried, naming what was done. */
    public static IllegalStateException unavailable(Exception e, String doneBefore) {
        return new IllegalStateException("auth did not answer (" + e.getMessage() + "); " + doneBefore, e);
    }
}
