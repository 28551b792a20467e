package io.lastmile.base.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.base.config.ModuleConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a real child JVM from a tiny jar to see how base treats a module that dies or must stop. */
class ManagedModuleTest {

    @TempDir
    Path home;

    @Test
    void reportsACrashWithTheBackoffDelayAndRestartsTheProcess() throws Exception {
        ManagedModule module = module(List.of("-Dfake.exitAfterMs=300"));
        CompletableFuture<Duration> crash = new CompletableFuture<>();

        module.start(properties(), crash::complete);
        long firstPid = module.pid();

        assertThat(crash.get(30, TimeUnit.SECONDS)).isEqualTo(Duration.ofSeconds(1));
        assertThat(module.status()).isEqualTo(ModuleStatus.DOWN);
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();

        CompletableFuture<Duration> secondCrash = new CompletableFuture<>();
        module.start(properties(), secondCrash::complete);
        assertThat(module.pid()).isNotEqualTo(firstPid);
        assertThat(secondCrash.get(30, TimeUnit.SECONDS)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Files.readString(home.resolve("var/log/fake.log"))).isNotNull();
    }

    @Test
    void stopsTheProcessWithoutCountingItAsACrash() throws Exception {
        ManagedModule module = module(List.of());
        CompletableFuture<Duration> crash = new CompletableFuture<>();
        module.start(properties(), crash::complete);
        long pid = module.pid();
        assertThat(module.status()).isEqualTo(ModuleStatus.STARTING);
        assertThat(Files.readString(home.resolve("var/run/fake.pid"))).isEqualTo(Long.toString(pid));

        module.stop(Duration.ofSeconds(10));

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(module.status()).isEqualTo(ModuleStatus.DOWN);
        assertThat(home.resolve("var/run/fake.pid")).doesNotExist();
        Thread.sleep(300);
        assertThat(crash).isNotDone();
    }

    @Test
    void marksAModuleUpOnlyWhenItsHealthAnswers() throws Exception {
        ManagedModule module = module(List.of());
        module.start(properties(), delay -> {});
        try {
            assertThat(module.recordHealth(false, Duration.ofMinutes(1), Duration.ofMinutes(1)))
                    .isFalse();
            assertThat(module.status()).isEqualTo(ModuleStatus.STARTING);
            module.recordHealth(true, Duration.ofMinutes(1), Duration.ofMinutes(1));
            assertThat(module.status()).isEqualTo(ModuleStatus.UP);
            assertThat(module.recordHealth(false, Duration.ofMinutes(1), Duration.ZERO.minusMillis(1)))
                    .as("a module that was up and stopped answering is due to be killed")
                    .isTrue();
            assertThat(module.status()).isEqualTo(ModuleStatus.DOWN);
        } finally {
            module.stop(Duration.ofSeconds(10));
        }
    }

    private ManagedModule module(List<String> jvmOptions) throws IOException {
        writeFakeJar(home.resolve("fake.jar"));
        ModuleConfig config =
                new ModuleConfig("fake", true, "127.0.0.1", 1, null, "fake.jar", 32, jvmOptions, false, null);
        AppliancePaths paths = AppliancePaths.of(home, Path.of("appliance.yml"), Path.of("var"));
        paths.createDirectories();
        return new ManagedModule(config, paths, Clock.systemUTC(), RestartBackoff.standard());
    }

    private Path properties() throws IOException {
        return Files.writeString(home.resolve("fake.properties"), "");
    }

    private static void writeFakeJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeModuleMain.class.getName());
        String entry = FakeModuleMain.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest);
                InputStream classBytes = FakeModuleMain.class.getClassLoader().getResourceAsStream(entry)) {
            jarOut.putNextEntry(new JarEntry(entry));
            classBytes.transferTo(jarOut);
            jarOut.closeEntry();
        }
    }
}
