package io.lastmile.base.runtime;

import io.lastmile.base.config.ApplianceConfig;
import io.lastmile.base.config.ModuleConfig;
import io.lastmile.base.database.DatabaseProvisioner;
import io.lastmile.base.database.DevPostgres;
import io.lastmile.platform.registry.ModuleView;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the appliance: the database first (embedded in dev mode), then each enabled module once the
 * modules it depends on are healthy; watches their health, restarts the ones that die, and stops
 * them in reverse order.
 */
public class Supervisor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    private final ApplianceConfig config;
    private final AppliancePaths paths;
    private final Secrets secrets;
    private final ModuleEnvironment environment;
    private final HealthProbe health;
    private final SupervisorTimings timings;
    private final Map<String, ManagedModule> modules = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(
            2, Thread.ofPlatform().daemon().name("supervisor-", 0).factory());
    private volatile boolean running;
    private DevPostgres devPostgres;

    public Supervisor(
            ApplianceConfig config,
            AppliancePaths paths,
            Secrets secrets,
            HealthProbe health,
            SupervisorTimings timings,
            Clock clock) {
        this.config = config;
        this.paths = paths;
        this.secrets = secrets;
        this.environment = new ModuleEnvironment(config, secrets, paths.var());
        this.health = health;
        this.timings = timings;
        for (ModuleConfig module : config.modules()) {
            if (!module.isSupervisor()) {
                modules.put(module.name(), new ManagedModule(module, paths, clock, timings.backoff()));
            }
        }
    }

    @Override
    public void start() {
        running = true;
        paths.createDirectories();
        StaleProcesses.stop(paths, modules.keySet());
        StatusFile.write(paths, view()); // replaces the last run's statuses at once
        // the database and the modules come up in the background, so the registry answers at once
        Thread.ofVirtual().name("supervisor-start").start(this::startAll);
    }

    private void startAll() {
        try {
            Optional<String> adminPassword = prepareDatabases();
            for (ModuleConfig module : config.startOrder()) {
                ManagedModule managed = modules.get(module.name());
                Optional<String> extra = module.name().equals(ApplianceConfig.AUTH) ? adminPassword : Optional.empty();
                Thread.ofVirtual().name("start-" + module.name()).start(() -> startWhenReady(managed, extra));
            }
            scheduler.scheduleWithFixedDelay(
                    this::probeAll, 500, timings.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            log.error("the appliance cannot start: {}", e.getMessage(), e);
        }
    }

    private Optional<String> prepareDatabases() {
        DataSource admin = adminDataSource();
        DatabaseProvisioner provisioner = new DatabaseProvisioner(admin);
        Optional<String> initialAdminPassword = Optional.empty();
        for (ModuleConfig module : config.startOrder()) {
            if (!module.database()) {
                continue;
            }
            boolean created =
                    provisioner.ensure(module.name(), secrets.getOrCreate(Secrets.databasePasswordKey(module.name())));
            if (created && module.name().equals(ApplianceConfig.AUTH)) {
                // a new auth database gets a first operator; its password is shown once by ./lastmile up
                String password = Secrets.generate();
                PrivateFiles.write(paths.initialAdminPassword(), password + "\n");
                initialAdminPassword = Optional.of(password);
            }
        }
        return initialAdminPassword;
    }

    private DataSource adminDataSource() {
        if (config.mode() == ApplianceConfig.Mode.DEV) {
            String superuser = secrets.getOrCreate(Secrets.POSTGRES_SUPERUSER);
            devPostgres = DevPostgres.start(paths.pgdata(), config.postgres().port(), superuser, paths.log("postgres"));
            return devPostgres.superuser();
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(config.postgres().jdbcUrl("postgres"));
        ds.setUser(config.postgres().adminUser());
        ds.setPassword(config.postgres().adminPassword());
        return ds;
    }

    private void startWhenReady(ManagedModule module, Optional<String> initialAdminPassword) {
        try {
            while (running && !dependenciesUp(module.config)) {
                Thread.sleep(200);
            }
            if (!running) {
                return;
            }
            Path properties = writeProperties(module, initialAdminPassword);
            module.start(properties, delay -> restartLater(module, delay));
        } catch (IOException e) {
            log.error("cannot start {}: {}", module.name(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void restartLater(ManagedModule module, Duration delay) {
        if (running) {
            scheduler.schedule(
                    () -> Thread.ofVirtual().start(() -> startWhenReady(module, Optional.empty())),
                    delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private boolean dependenciesUp(ModuleConfig module) {
        return module.dependsOn().stream().map(modules::get).allMatch(d -> d == null || d.status() == ModuleStatus.UP);
    }

    private Path writeProperties(ManagedModule module, Optional<String> initialAdminPassword) {
        Map<String, String> properties = environment.forModule(module.config, initialAdminPassword);
        String content = properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n", "# written by Lastmile base at each start: do not edit\n", "\n"));
        Path file = paths.moduleProperties(module.name());
        PrivateFiles.write(file, content);
        return file;
    }

    private void probeAll() {
        for (ManagedModule module : modules.values()) {
            if (module.pid() == null) {
                continue;
            }
            boolean healthy = health.isHealthy(module.config.url());
            if (module.recordHealth(healthy, timings.startTimeout(), timings.unhealthyTimeout())) {
                module.kill();
            }
        }
        StatusFile.write(paths, view());
    }

    /** The registry: every module with its address, status, process and memory. */
    public List<ModuleView> view() {
        List<ModuleView> view = new ArrayList<>();
        for (ModuleConfig module : config.modules()) {
            if (module.isSupervisor()) {
                long pid = ProcessHandle.current().pid();
                view.add(new ModuleView(
                        module.name(), module.url(), ModuleStatus.UP.name(), pid, ProcessMemory.rssMb(pid)));
                continue;
            }
            ManagedModule managed = modules.get(module.name());
            Long pid = managed.pid();
            view.add(new ModuleView(
                    module.name(),
                    module.url(),
                    managed.status().name(),
                    pid,
                    pid == null ? null : ProcessMemory.rssMb(pid)));
        }
        return view;
    }

    @Override
    public void stop() {
        running = false;
        scheduler.shutdownNow();
        stopOrder().forEach(name -> modules.get(name).stop(timings.stopGrace()));
        if (devPostgres != null) {
            devPostgres.close();
        }
        StatusFile.write(paths, view());
        log.info("all modules stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The reverse of the start order: a module stops before the modules it depends on. */
    List<String> stopOrder() {
        return config.startOrder().stream().map(ModuleConfig::name).toList().reversed();
    }
}
