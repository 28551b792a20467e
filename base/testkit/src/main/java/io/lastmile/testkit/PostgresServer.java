package io.lastmile.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL server of a test JVM: an external server when LASTMILE_TEST_PG_URL is set,
 * Testcontainers when a Docker engine answers, zonky's embedded PostgreSQL otherwise.
 *
 * @param adminUrl JDBC URL of a database the admin may create databases from
 */
record PostgresServer(String kind, String adminUrl, String host, int port, String user, String password) {

    static PostgresServer start() {
        String external = System.getenv("LASTMILE_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            return external(external);
        }
        if (dockerAnswers()) {
            return container();
        }
        return embedded();
    }

    /** {@code jdbc:postgresql://host:port/db?user=u&password=p}: the user must be allowed to create databases. */
    static PostgresServer external(String url) {
        java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
        String user = "postgres";
        String password = "";
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals("user")) user = kv[1];
                if (kv[0].equals("password") && kv.length > 1) password = kv[1];
            }
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        return new PostgresServer("external", url, uri.getHost(), port, user, password);
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static PostgresServer container() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        return new PostgresServer(
                "testcontainers",
                container.getJdbcUrl(),
                container.getHost(),
                container.getFirstMappedPort(),
                container.getUsername(),
                container.getPassword());
    }

    private static PostgresServer embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            // the server lives as long as the test JVM: zonky stops it in its shutdown hook
            return new PostgresServer(
                    "embedded",
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "localhost",
                    postgres.getPort(),
                    "postgres",
                    "");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
