package io.lastmile.base.config;

/**
 * The PostgreSQL server the modules' databases live on.
 *
 * @param host where modules reach it
 * @param port its port
 * @param adminUser a role that may create roles and databases (appliance mode)
 * @param adminPassword its password (appliance mode; in dev mode base generates one)
 */
public record PostgresConfig(String host, int port, String adminUser, String adminPassword) {

    public PostgresConfig {
        host = host == null ? "127.0.0.1" : host;
        port = port == 0 ? 15432 : port;
        adminUser = adminUser == null ? "postgres" : adminUser;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "PostgresConfig[host=" + host + ", port=" + port + ", adminUser=" + adminUser + ", adminPassword=***]";
    }
}
