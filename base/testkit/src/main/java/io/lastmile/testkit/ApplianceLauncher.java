package io.lastmile.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the built appliance as real processes through the real `./lastmile` script, with a
 * configuration and state directory of the test's own, so a cross-module test never meets a
 * developer's running appliance. Close it to run `./lastmile down`.
 */
public final class ApplianceLauncher implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path root;
    private final Path work;
    private final int postgresPort;

    private ApplianceLauncher(Path root, Path work, int postgresPort) {
        this.root = root;
        this.work = work;
        this.postgresPort = postgresPort;
    }

    /**
     * An appliance made from the shipped config/appliance.yml with every module moved from
     * 127.0.1.x to `addressPrefix`x and PostgreSQL on `postgresPort`; its state under `work`.
     */
    public static ApplianceLauncher fromShippedConfig(Path work, String addressPrefix, int postgresPort) {
        Path root = projectRoot();
        try {
            String config = Files.readString(root.resolve("config/appliance.yml"))
                    .replace("127.0.1.", addressPrefix)
                    .replaceFirst("port: 15432", "port: " + postgresPort);
            Files.createDirectories(work);
            Files.writeString(work.resolve("appliance.yml"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ApplianceLauncher(root, work, postgresPort);
    }

    /**
     * Gives one module extra JVM options (system properties such as shorter intervals for a test),
     * written into this appliance's copy of the config; call before {@link #up}.
     */
    public ApplianceLauncher withJvmOptions(String module, String... options) {
        Path config = work.resolve("appliance.yml");
        try {
            String text = Files.readString(config);
            String entry = "  - name: " + module + "\n";
            int at = text.indexOf(entry);
            if (at < 0) {
                throw new IllegalArgumentException("no module " + module + " in " + config);
            }
            StringBuilder list = new StringBuilder("    jvmOptions: [");
            for (int i = 0; i < options.length; i++) {
                list.append(i == 0 ? "" : ", ").append('"').append(options[i]).append('"');
            }
            list.append("]\n");
            int after = at + entry.length();
            Files.writeString(config, text.substring(0, after) + list + text.substring(after));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The folder with the `lastmile` script, found upwards from the working directory. */
    public static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("lastmile")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no ./lastmile above " + Path.of("").toAbsolutePath());
    }

    public Path var() {
        return work.resolve("var");
    }

    public int postgresPort() {
        return postgresPort;
    }

    /** Runs `./lastmile args...` (never building: the jars come from the build that runs the test). */
    public Result run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("lastmile").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("LASTMILE_HOME", root.toString());
        env.put("LASTMILE_CONFIG", work.resolve("appliance.yml").toString());
        env.put("LASTMILE_VAR", var().toString());
        env.put("LASTMILE_SKIP_BUILD", "1");
        try {
            Path output = Files.createTempFile(work, "lastmile-", ".out");
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("./lastmile " + String.join(" ", args) + " did not finish in " + timeout
                        + ":\n" + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Result up() {
        return run(Duration.ofMinutes(5), "up");
    }

    /** `./lastmile status --json`: one map per module (name, url, status, pid, rssMb). */
    public List<Map<String, Object>> status() {
        Result result = run(Duration.ofMinutes(1), "status", "--json");
        result.requireSuccess("status --json");
        return JSON.readValue(result.output(), new TypeReference<>() {});
    }

    public Map<String, Object> module(String name) {
        return status().stream()
                .filter(m -> name.equals(m.get("name")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no module " + name + " in the status"));
    }

    /** An operator-admin token from `./lastmile token`. */
    public String adminToken() {
        Result result = run(Duration.ofMinutes(1), "token");
        result.requireSuccess("token");
        return result.output().strip();
    }

    /** A secret base generated for this appliance (database passwords, client secrets). */
    public Optional<String> secret(String key) {
        Properties secrets = new Properties();
        try (var in = Files.newInputStream(var().resolve("secrets.properties"))) {
            secrets.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(secrets.getProperty(key));
    }

    /** The embedded PostgreSQL's postmaster, while it runs. */
    public Optional<ProcessHandle> postmaster() {
        try {
            Path pid = var().resolve("pgdata/postmaster.pid");
            return ProcessHandle.of(
                    Long.parseLong(Files.readAllLines(pid).getFirst().trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every live process whose command line mentions this appliance's state or config. */
    public List<ProcessHandle> processesLeft() {
        String marker = work.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)
                        || cmdline(p).contains(marker))
                .toList();
    }

    private static String cmdline(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")))
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        run(Duration.ofMinutes(3), "down");
    }

    /** What a `./lastmile` command printed and how it exited. */
    public record Result(int exitCode, String output) {
        public Result requireSuccess(String what) {
            if (exitCode != 0) {
                throw new IllegalStateException("./lastmile " + what + " exited with " + exitCode + ":\n" + output);
            }
            return this;
        }
    }
}
