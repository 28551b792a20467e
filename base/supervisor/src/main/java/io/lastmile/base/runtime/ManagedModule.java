package io.lastmile.base.runtime;

import io.lastmile.base.config.ModuleConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One module's process: started with its own JVM options and log, restarted with backoff when it
 * dies, stopped with SIGTERM and, after a grace period, SIGKILL.
 */
final class ManagedModule {

    private static final Logger log = LoggerFactory.getLogger(ManagedModule.class);

    final ModuleConfig config;
    private final AppliancePaths paths;
    private final Clock clock;
    private final RestartBackoff backoff;
    private volatile Process process;
    private volatile ModuleStatus status;
    private volatile boolean stopping;
    private volatile Instant startedAt;
    private volatile Instant unhealthySince;

    ManagedModule(ModuleConfig config, AppliancePaths paths, Clock clock, RestartBackoff backoff) {
        this.config = config;
        this.paths = paths;
        this.clock = clock;
        this.backoff = backoff;
        this.status = config.enabled() ? ModuleStatus.DOWN : ModuleStatus.DISABLED;
    }

    String name() {
        return config.name();
    }

    ModuleStatus status() {
        return status;
    }

    Long pid() {
        Process p = process;
        return p != null && p.isAlive() ? p.pid() : null;
    }

    /** Starts the process; when it dies without being asked to, `onCrash` gets the delay to wait. */
    synchronized void start(Path propertiesFile, Consumer<Duration> onCrash) throws IOException {
        if (stopping || (process != null && process.isAlive())) {
            return;
        }
        Path jar = paths.jar(config.jar());
        if (!Files.isRegularFile(jar)) {
            status = ModuleStatus.DOWN;
            throw new IOException("jar " + jar + " of module " + name() + " is missing: build it with ./lastmile up");
        }
        ProcessBuilder builder = new ProcessBuilder(command(jar, propertiesFile))
                .directory(paths.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(paths.log(name()).toFile()));
        process = builder.start();
        startedAt = clock.instant();
        unhealthySince = null;
        status = ModuleStatus.STARTING;
        Files.writeString(paths.pidFile(name()), Long.toString(process.pid()));
        log.info("started {} as pid {} on {}", name(), process.pid(), config.url());
        Process started = process;
        started.onExit().thenRun(() -> exited(started, onCrash));
    }

    List<String> command(Path jar, Path propertiesFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + config.heapMb() + "m");
        command.add("-Xss512k");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+ExitOnOutOfMemoryError");
        Path aotCache = Path.of(jar + ".aot");
        if (Files.isRegularFile(aotCache)) {
            command.add("-XX:AOTCache=" + aotCache);
        }
        command.addAll(config.jvmOptions());
        command.add("-Dlastmile.module=" + name());
        command.add("-jar");
        command.add(jar.toString());
        command.add("--spring.config.additional-location=file:" + propertiesFile);
        return command;
    }

    private void exited(Process exited, Consumer<Duration> onCrash) {
        if (exited != process) {
            return;
        }
        status = ModuleStatus.DOWN;
        if (stopping) {
            return;
        }
        Duration uptime = Duration.between(startedAt, clock.instant());
        Duration delay = backoff.nextDelay(uptime);
        log.warn(
                "{} (pid {}) exited with {} after {} s; restarting in {} s",
                name(),
                exited.pid(),
                exited.exitValue(),
                uptime.toSeconds(),
                delay.toSeconds());
        onCrash.accept(delay);
    }

    /** Records a health probe's answer; returns true when the module has been unhealthy too long. */
    boolean recordHealth(boolean healthy, Duration startTimeout, Duration unhealthyTimeout) {
        if (process == null || !process.isAlive()) {
            return false;
        }
        Instant now = clock.instant();
        if (healthy) {
            status = ModuleStatus.UP;
            unhealthySince = null;
            return false;
        }
        if (status == ModuleStatus.STARTING) {
            return Duration.between(startedAt, now).compareTo(startTimeout) > 0;
        }
        status = ModuleStatus.DOWN;
        if (unhealthySince == null) {
            unhealthySince = now;
        }
        return Duration.between(unhealthySince, now).compareTo(unhealthyTimeout) > 0;
    }

    /** Kills a hung process; its exit then restarts it like any crash. */
    void kill() {
        Process p = process;
        if (p != null) {
            log.warn("{} (pid {}) did not answer its health check in time; killing it", name(), p.pid());
            p.destroyForcibly();
        }
    }

    void stop(Duration grace) {
        stopping = true;
        Process p = process;
        if (p == null || !p.isAlive()) {
            status = config.enabled() ? ModuleStatus.DOWN : ModuleStatus.DISABLED;
            return;
        }
        log.info("stopping {} (pid {})", name(), p.pid());
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} did not stop within {} s; killing it", name(), grace.toSeconds());
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(paths.pidFile(name()));
        } catch (IOException e) {
            log.debug("could not remove the pid file of {}", name());
        }
        status = ModuleStatus.DOWN;
    }
}
