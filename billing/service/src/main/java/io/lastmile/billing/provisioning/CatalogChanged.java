package io.lastmile.billing.provisioning;

/**
 * The provisioning catalog (server groups, servers, templates, event bindings) changed: caches of it
 * must reload. Published as a Spring application event after the change committed and outside any
 * transaction, so a listener reads the new state: listen with {@code @EventListener} (a
 * {@code @TransactionalEventListener} would need {@code fallbackExecution = true}).
 *
 * @param what which part changed: {@code groups}, {@code servers}, {@code templates} or
 *     {@code bindings}
 */
public record CatalogChanged(String what) {

    public static final String GROUPS = "groups";
    public static final String SERVERS = "servers";
    public static final String TEMPLATES = "templates";
    public static final String BINDINGS = "bindings";
}
