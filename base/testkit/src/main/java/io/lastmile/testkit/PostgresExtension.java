package io.lastmile.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Gives a test class a real PostgreSQL database of its own, with the module's Flyway scripts
 * ({@code classpath:db/migration}) applied. One server per test JVM, a fresh database per class.
 *
 * <p>Spring Boot tests add {@code @DynamicPropertySource static void db(DynamicPropertyRegistry r)
 * { PostgresExtension.datasource(r); }}; plain tests take a {@link TestDatabase} parameter.
 */
public class PostgresExtension implements BeforeAllCallback, ParameterResolver {

    private static PostgresServer server;
    private static volatile TestDatabase current;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        TestDatabase database = createDatabase(context.getRequiredTestClass().getSimpleName());
        migrate(database);
        context.getStore(ExtensionContext.Namespace.create(PostgresExtension.class))
                .put(TestDatabase.class, database);
        current = database;
    }

    /** Points Spring's datasource at the database of the test class being run. */
    public static void datasource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> current.jdbcUrl());
        registry.add("spring.datasource.username", () -> current.user());
        registry.add("spring.datasource.password", () -> current.password());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(ExtensionContext.Namespace.create(PostgresExtension.class))
                .get(TestDatabase.class, TestDatabase.class);
    }

    static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.start();
        }
        return server;
    }

    private static TestDatabase createDatabase(String testClass) throws SQLException {
        PostgresServer pg = server();
        String name = ("t_" + testClass + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(pg.adminUrl(), pg.user(), pg.password());
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE \"" + name + "\"");
        }
        return new TestDatabase(pg.jdbcUrl(name), pg.user(), pg.password());
    }

    private static void migrate(TestDatabase database) {
        if (Thread.currentThread().getContextClassLoader().getResource("db/migration") == null) {
            return;
        }
        Flyway.configure()
                .dataSource(database.dataSource())
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** A database of one test class. */
    public record TestDatabase(String jdbcUrl, String user, String password) {

        public DataSource dataSource() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(jdbcUrl);
            ds.setUser(user);
            ds.setPassword(password);
            return ds;
        }
    }
}
