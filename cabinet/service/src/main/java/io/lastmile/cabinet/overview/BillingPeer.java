package io.lastmile.cabinet.overview;

import io.lastmile.billing.api.BillingClient;
import io.lastmile.platform.registry.ModuleView;
import io.lastmile.platform.registry.RegistryClient;
import io.lastmile.platform.security.PeerClients;
import org.springframework.stereotype.Component;

/** billing's client, found through the registry on first use, calling with cabinet's service token. */
@Component
class BillingPeer {

    private final RegistryClient registry;
    private final PeerClients peers;
    private volatile BillingClient client;

    BillingPeer(RegistryClient registry, PeerClients peers) {
        this.registry = registry;
        this.peers = peers;
    }

    BillingClient client() {
        BillingClient c = client;
        if (c == null) {
            String url = registry.module("billing")
                    .map(ModuleView::url)
                    .orElseThrow(() -> new IllegalStateException("the registry does not list billing"));
            c = new BillingClient(peers.forBaseUrl(url));
            client = c;
        }
        return c;
    }
}
