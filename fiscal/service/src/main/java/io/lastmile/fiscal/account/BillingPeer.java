package io.lastmile.fiscal.account;

import io.lastmile.billing.api.BillingClient;
import io.lastmile.platform.registry.ModuleView;
import io.lastmile.platform.registry.RegistryClient;
import io.lastmile.platform.security.PeerClients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * billing's client, calling with fiscal's service token; billing's address is
 * {@code lastmile.fiscal.billing.url} when set, else the registry's entry, looked up on first use.
 */
@Component
@EnableConfigurationProperties(BillingProperties.class)
public class BillingPeer {

    private final ObjectProvider<RegistryClient> registry;
    private final ObjectProvider<PeerClients> peers;
    private final BillingProperties properties;
    private volatile BillingClient client;

    BillingPeer(
            ObjectProvider<RegistryClient> registry, ObjectProvider<PeerClients> peers, BillingProperties properties) {
        this.registry = registry;
        this.peers = peers;
        this.properties = properties;
    }

    /** @throws IllegalStateException when billing's address is not known (yet) */
    public BillingClient client() {
        BillingClient c = client;
        return c != null ? c : resolve();
    }

    /** One lookup at a time: the first burst of payments after a start asks the registry once, not per payment. */
    private synchronized BillingClient resolve() {
        BillingClient c = client;
        if (c == null) {
            String url = properties.url();
            if (url == null || url.isBlank()) {
                RegistryClient r = registry.getIfAvailable();
                if (r == null) {
                    throw new IllegalStateException(
                            "neither lastmile.fiscal.billing.url nor the registry is configured");
                }
                url = r.module("billing")
                        .map(ModuleView::url)
                        .orElseThrow(() -> new IllegalStateException("the registry does not list billing"));
            }
            c = new BillingClient(peers.getObject().forBaseUrl(url));
            client = c;
        }
        return c;
    }
}
