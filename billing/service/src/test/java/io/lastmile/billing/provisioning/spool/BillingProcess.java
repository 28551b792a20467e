package io.lastmile.billing.provisioning.spool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A billing JVM ({@link StandaloneBilling}) started from this JVM's classpath, its stdout and
 * stderr in {@code <directory>/<name>.log}, for tests that kill it as a crash would.
 */
final class BillingProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private BillingProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts billing with these properties; it answers at once, while billing is still starting. */
    static BillingProcess start(String name, Path directory, Map<String, String> properties) throws IOException {
        Files.createDirectories(directory);
        Path log = directory.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // two shared cores: a small heap, one GC thread, and C1 only for a quicker start
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                StandaloneBilling.class.getName()));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new BillingProcess(name, process, log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGKILL, as the OOM killer or a power cut ends it: no shutdown hook, no finally block, no
     * attempt closed. Answers the exit status (137 on Linux) once the process is gone.
     */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " billing did not die within 30 s of SIGKILL");
        }
        return process.exitValue();
    }

    /** The last lines billing printed, to show why a test failed. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "---- last lines of " + log + " ----\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
