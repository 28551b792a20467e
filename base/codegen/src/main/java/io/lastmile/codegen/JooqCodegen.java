package io.lastmile.codegen;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

/**
 * Generates a module's jOOQ classes from its Flyway scripts, migrated into a throw-away embedded
 * PostgreSQL, so generated code always matches the real schema (DDLDatabase mangles inet and text).
 *
 * <p>Arguments: migrations directory, target package, output directory. Skips the work when the
 * output is newer than every script.
 */
public final class JooqCodegen {

    private static final String STAMP = ".lastmile-codegen-stamp";

    private JooqCodegen() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: JooqCodegen <migrations dir> <package> <output dir>");
        }
        Path migrations = Path.of(args[0]);
        String packageName = args[1];
        Path output = Path.of(args[2]);
        if (isUpToDate(migrations, output, packageName)) {
            System.out.println("[codegen] jOOQ classes in " + output + " are up to date");
            return;
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Flyway.configure()
                    .dataSource(postgres.getPostgresDatabase())
                    .locations("filesystem:" + migrations.toAbsolutePath())
                    .load()
                    .migrate();
            GenerationTool.generate(configuration(postgres.getJdbcUrl("postgres", "postgres"), packageName, output));
        }
        Files.writeString(output.resolve(STAMP), packageName);
    }

    static Configuration configuration(String jdbcUrl, String packageName, Path output) {
        Database database = new Database()
                .withName("org.jooq.meta.postgres.PostgresDatabase")
                .withInputSchema("public")
                .withOutputSchemaToDefault(true)
                // inet/cidr/macaddr need a binding of ours (jooq-postgres-extensions is not published
                // for jOOQ 3.20+): add forced types here with the first table that uses them
                .withExcludes("flyway_schema_history");
        return new Configuration()
                .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(jdbcUrl))
                .withGenerator(new Generator()
                        .withDatabase(database)
                        .withGenerate(new Generate().withJavaTimeTypes(true).withFluentSetters(true))
                        .withTarget(new Target()
                                .withPackageName(packageName)
                                .withDirectory(output.toString())
                                .withClean(true)));
    }

    private static boolean isUpToDate(Path migrations, Path output, String packageName) throws IOException {
        Path stamp = output.resolve(STAMP);
        if (!Files.exists(stamp) || !Files.readString(stamp).equals(packageName)) {
            return false;
        }
        long generatedAt = Files.getLastModifiedTime(stamp).toMillis();
        try (Stream<Path> scripts = Files.walk(migrations)) {
            return scripts.allMatch(p -> p.toFile().lastModified() <= generatedAt);
        }
    }
}
