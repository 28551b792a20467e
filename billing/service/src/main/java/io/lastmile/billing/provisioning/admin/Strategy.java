package io.lastmile.billing.provisioning.admin;

/** How a group's server is chosen for a new service (the values of server_group.strategy). */
enum Strategy {
    RANDOM,
    LEAST_LOADED,
    FILL,
    WEIGHTED
}
