package io.lastmile.billing.provisioning.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.provisioning.HostKey;
import io.lastmile.billing.api.provisioning.ServerView;
import io.lastmile.billing.provisioning.ssh.OpenSshServer;
import io.lastmile.billing.provisioning.ssh.SshTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scanning and pinning SSH host keys through the operator API, against a real OpenSSH server. */
class HostKeyPinningIT extends ProvisioningApiTestBase {

    private static OpenSshServer sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = OpenSshServer.start();
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    private ServerView sshServer(int port) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", unique("vpn"));
        body.put("transport", "SSH");
        body.put("host", "127.0.0.1");
        body.put("port", port);
        body.put("credentialsRef", credential("SSH_KEY"));
        return createServer(body);
    }

    private Map<String, Object> asRequest(ServerView s, boolean enabled) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", s.name());
        body.put("transport", s.transport());
        body.put("host", s.host());
        body.put("port", s.port());
        body.put("credentialsRef", s.credentialsRef());
        body.put("enabled", enabled);
        return body;
    }

    @Test
    void scansTheKeyOfARealOpenSshServerPinsItWhenTheFingerprintMatchesThenEnablesTheServer() throws Exception {
        ServerView server = sshServer(sshd.port);
        String expectedFingerprint = sshd.keygenFingerprint("host_ed25519.pub");

        HostKey scanned = body(post("/servers/" + server.id() + "/host-key/scan", Map.of()), 200, HostKey.class);

        assertThat(scanned.fingerprint()).isEqualTo(expectedFingerprint);
        assertThat(scanned.hostKey().split(" "))
                .startsWith(sshd.hostKeyLine().split(" ")[0], sshd.hostKeyLine().split(" ")[1]);
        ServerView unchanged = body(get("/servers/" + server.id()), 200, ServerView.class);
        assertThat(unchanged.hostKey()).as("a scan keeps nothing").isNull();
        assertThat(unchanged.updatedAt()).isEqualTo(server.updatedAt());

        String otherKey = generatedKeyLine();
        Map<String, String> wrong = errors(
                put("/servers/" + server.id() + "/host-key", new HostKey(scanned.hostKey(), fingerprintOf(otherKey))));
        assertThat(wrong).containsOnlyKeys("fingerprint");
        assertThat(wrong.get("fingerprint")).startsWith("does not match the host key: nothing was pinned");
        assertThat(body(get("/servers/" + server.id()), 200, ServerView.class).hostKey())
                .isNull();

        ServerView pinned = body(put("/servers/" + server.id() + "/host-key", scanned), 200, ServerView.class);

        assertThat(pinned.hostKey()).isEqualTo(scanned.hostKey());
        assertThat(pinned.hostKeyFingerprint()).isEqualTo(expectedFingerprint);
        assertThat(pinned.enabled()).isFalse();
        ServerView enabled = body(put("/servers/" + server.id(), asRequest(pinned, true)), 200, ServerView.class);
        assertThat(enabled.enabled()).isTrue();
        assertThat(enabled.hostKey()).as("a PUT of the server keeps its key").isEqualTo(scanned.hostKey());
    }

    @Test
    void changesAPinnedKeyOnlyByAnExplicitPin() throws Exception {
        ServerView server = sshServer(sshd.port);
        HostKey scanned = body(post("/servers/" + server.id() + "/host-key/scan", Map.of()), 200, HostKey.class);
        body(put("/servers/" + server.id() + "/host-key", scanned), 200, ServerView.class);

        String reinstalled = generatedKeyLine();
        body(post("/servers/" + server.id() + "/host-key/scan", Map.of()), 200, HostKey.class);
        assertThat(body(get("/servers/" + server.id()), 200, ServerView.class).hostKey())
                .isEqualTo(scanned.hostKey());

        ServerView repinned = body(
                put("/servers/" + server.id() + "/host-key", new HostKey(reinstalled, fingerprintOf(reinstalled))),
                200,
                ServerView.class);
        assertThat(repinned.hostKey()).isEqualTo(reinstalled);
        assertThat(repinned.hostKeyFingerprint()).isEqualTo(fingerprintOf(reinstalled));
    }

    @Test
    void answers503WithAClearMessageWhenTheServerCannotBeReached() throws Exception {
        int closed = OpenSshServer.freePort();
        ServerView server = sshServer(closed);

        String detail = detail(post("/servers/" + server.id() + "/host-key/scan", Map.of()), 503);

        assertThat(detail)
                .startsWith("cannot read the host key of server '" + server.name() + "' at 127.0.0.1:" + closed
                        + ": Connection refused")
                .endsWith("check the host and port, and that sshd runs and this appliance may reach it");
    }

    @Test
    void refusesKeysThatAreNotKeysAndServersThatAreNotSsh() throws Exception {
        ServerView server = sshServer(sshd.port);

        assertThat(errors(put(
                        "/servers/" + server.id() + "/host-key", new HostKey("ssh-ed25519 bm90IGEga2V5", "SHA256:x"))))
                .containsOnlyKeys("hostKey", "fingerprint");
        assertThat(errors(put("/servers/" + server.id() + "/host-key", Map.of())))
                .containsOnlyKeys("hostKey", "fingerprint");
        assertThat(errors(put("/servers/" + server.id() + "/host-key", new HostKey(sshd.hostKeyLine(), "MD5:aa:bb")))
                        .get("fingerprint"))
                .startsWith("must be a SHA256 fingerprint");

        ServerView http = createServer(httpServer(unique("api")));
        assertThat(detail(post("/servers/" + http.id() + "/host-key/scan", Map.of()), 409))
                .isEqualTo("server '" + http.name() + "' uses HTTP: only SSH servers have host keys");
        assertThat(detail(put("/servers/" + http.id() + "/host-key", new HostKey(sshd.hostKeyLine(), "SHA256:x")), 409))
                .contains("only SSH servers have host keys");
        assertThat(detail(post("/servers/999999/host-key/scan", Map.of()), 404))
                .isEqualTo("server 999999 does not exist");
    }

    private static String fingerprintOf(String line) {
        return SshTransport.fingerprint(line);
    }

    /** A fresh ed25519 public key line, as a reinstalled server would offer. */
    private static String generatedKeyLine() throws Exception {
        Path dir = Files.createTempDirectory("lastmile-hostkey");
        Path key = dir.resolve("key");
        Process p = new ProcessBuilder(List.of("ssh-keygen", "-q", "-N", "", "-t", "ed25519", "-f", key.toString()))
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String line = Files.readString(dir.resolve("key.pub")).strip();
        Files.delete(key);
        Files.delete(dir.resolve("key.pub"));
        Files.delete(dir);
        String[] parts = line.split(" ");
        return parts[0] + " " + parts[1];
    }
}
