package io.lastmile.billing.provisioning.admin;

/** How commands reach a server (the values of server.transport), with its usual port. */
enum Transport {
    SSH(22),
    HTTP(443),
    MAIL(587);

    final int defaultPort;

    Transport(int defaultPort) {
        this.defaultPort = defaultPort;
    }
}
