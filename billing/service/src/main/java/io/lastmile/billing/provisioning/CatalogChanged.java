package io.lastmile.billing.provisioning;

/** Published after a committed change of servers, groups, templates or bindings, so caches refresh. */
public record CatalogChanged(String what) {}
