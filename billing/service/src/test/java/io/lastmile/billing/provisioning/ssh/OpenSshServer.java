package io.lastmile.billing.provisioning.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenSSH server on a free loopback port for tests: Debian's /usr/sbin/sshd with a fresh
 * ed25519 host key and two user keys (ed25519 in OpenSSH format, RSA in PEM format) for the
 * current OS user. Everything lives in a temp dir removed on close.
 */
public final class OpenSshServer implements AutoCloseable {

    private static final long START_MILLIS = 10_000;

    public final Path dir;
    public final int port;
    public final String user = System.getProperty("user.name");
    private Process process;

    private OpenSshServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static OpenSshServer start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("lastmile-sshd").toAbsolutePath();
        keygen(dir, "host_ed25519", "-t", "ed25519");
        keygen(dir, "user_ed25519", "-t", "ed25519");
        keygen(dir, "user_rsa", "-t", "rsa", "-b", "2048", "-m", "PEM");
        Files.writeString(
                dir.resolve("authorized_keys"),
                Files.readString(dir.resolve("user_ed25519.pub")) + Files.readString(dir.resolve("user_rsa.pub")));
        int port = freePort();
        Path config = dir.resolve("sshd_config");
        Files.write(config, config(dir, port), StandardCharsets.UTF_8);
        OpenSshServer server = new OpenSshServer(dir, port, launch(dir));
        try {
            server.awaitListening();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Stops sshd and starts it again on the same port with a fresh host key, as a reinstalled
     * server comes back: clients that pinned the old key must refuse it.
     */
    public void replaceHostKey() throws IOException, InterruptedException {
        stop();
        Files.delete(dir.resolve("host_ed25519"));
        Files.delete(dir.resolve("host_ed25519.pub"));
        keygen(dir, "host_ed25519", "-t", "ed25519");
        process = launch(dir);
        awaitListening();
    }

    private static Process launch(Path dir) throws IOException {
        Files.createDirectories(Path.of("/run/sshd")); // privilege separation dir sshd insists on
        return new ProcessBuilder(
                        "/usr/sbin/sshd",
                        "-D",
                        "-e",
                        "-f",
                        dir.resolve("sshd_config").toString())
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile()))
                .start();
    }

    private static List<String> config(Path dir, int port) {
        return List.of(
                "ListenAddress 127.0.0.1",
                "Port " + port,
                "HostKey " + dir.resolve("host_ed25519"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PidFile " + dir.resolve("sshd.pid"),
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "AllowUsers " + System.getProperty("user.name"),
                "LogLevel ERROR");
    }

    public String key(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    public String hostKeyLine() throws IOException {
        return key("host_ed25519.pub").strip();
    }

    /** What {@code ssh-keygen -lf} prints as the fingerprint of a key file. */
    public String keygenFingerprint(String pubFile) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "ssh-keygen",
                        "-l",
                        "-E",
                        "sha256",
                        "-f",
                        dir.resolve(pubFile).toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ssh-keygen -lf failed: " + output);
        }
        return output.split("\\s+")[1];
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"));
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited with " + process.exitValue() + ": " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("sshd did not listen on port " + port + " within 10 s: " + log());
    }

    private static void keygen(Path dir, String name, String... type) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-N", "", "-C", name));
        command.addAll(List.of(type));
        command.addAll(List.of("-f", dir.resolve(name).toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("ssh-keygen " + name + " failed: " + output);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
