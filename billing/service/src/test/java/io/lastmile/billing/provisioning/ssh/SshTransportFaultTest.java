package io.lastmile.billing.provisioning.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.AttemptOutcome.Kind;
import io.lastmile.billing.provisioning.OutputSink.Stream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults a real server rarely shows on demand, injected with MINA's in-process server: the user
 * name picks the behaviour of the command ({@code hang}, {@code drop}); user {@code denied} is
 * refused at authentication.
 */
class SshTransportFaultTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private static SshServer server;
    private static SshTransport transport;
    private static String clientKey;
    private static String hostKey;

    @BeforeAll
    static void start() throws Exception {
        KeyPair host = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        hostKey = PublicKeyEntry.toString(host.getPublic());
        KeyPair client = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        ByteArrayOutputStream pem = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "test", null, pem);
        clientKey = pem.toString(StandardCharsets.US_ASCII);

        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(host));
        server.setPublickeyAuthenticator(
                (user, key, session) -> !user.equals("denied") && KeyUtils.compareKeys(key, client.getPublic()));
        server.setCommandFactory((channel, command) -> new FaultCommand());
        server.start();
        transport = new SshTransport();
    }

    @AfterAll
    static void stop() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.stop(true);
        }
    }

    private static SshTarget target(String user, int port, Duration commandTimeout) {
        return new SshTarget("127.0.0.1", port, user, clientKey, hostKey, Duration.ofSeconds(2), commandTimeout);
    }

    @Test
    void commandHangingPastItsTimeoutIsStoppedAndRetried() {
        RecordingSink sink = new RecordingSink();

        AttemptOutcome outcome = assertTimeoutPreemptively(
                BOUND, () -> transport.run(target("hang", server.getPort(), Duration.ofSeconds(1)), "x\n", sink));

        assertThat(outcome.kind()).isEqualTo(Kind.RETRY);
        assertThat(outcome.message()).contains("timed out after 1 s");
        assertThat(sink.of(Stream.STDOUT)).containsExactly("started");
    }

    @Test
    void connectionDroppedMidCommandIsRetriedAndKeepsTheOutputSoFar() {
        RecordingSink sink = new RecordingSink();

        AttemptOutcome outcome = assertTimeoutPreemptively(
                BOUND, () -> transport.run(target("drop", server.getPort(), Duration.ofSeconds(5)), "x\n", sink));

        assertThat(outcome.kind()).isEqualTo(Kind.RETRY);
        assertThat(outcome.exitStatus()).isNull();
        assertThat(outcome.message()).contains("closed");
        assertThat(sink.of(Stream.STDOUT)).containsExactly("first line");
    }

    @Test
    void refusedKeyFailsWithoutRetry() {
        AttemptOutcome outcome = assertTimeoutPreemptively(
                BOUND,
                () -> transport.run(
                        target("denied", server.getPort(), Duration.ofSeconds(5)), "x\n", new RecordingSink()));

        assertThat(outcome.kind()).isEqualTo(Kind.FAIL);
        assertThat(outcome.message()).contains("refused the key");
    }

    @Test
    void refusedConnectionIsRetried() throws IOException {
        int closedPort = OpenSshServer.freePort();

        AttemptOutcome outcome = assertTimeoutPreemptively(
                BOUND,
                () -> transport.run(target("drop", closedPort, Duration.ofSeconds(5)), "x\n", new RecordingSink()));

        assertThat(outcome.kind()).isEqualTo(Kind.RETRY);
        assertThat(outcome.message()).contains("cannot connect");
    }

    @Test
    void silentServerTimesOutTheHandshakeAndIsRetried() throws IOException {
        // The kernel completes the TCP handshake from the backlog; nobody ever speaks SSH.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            AttemptOutcome outcome = assertTimeoutPreemptively(
                    BOUND,
                    () -> transport.run(
                            target("hang", silent.getLocalPort(), Duration.ofSeconds(5)), "x\n", new RecordingSink()));

            assertThat(outcome.kind()).isEqualTo(Kind.RETRY);
            assertThat(outcome.message()).contains("within 2 s");
        }
    }

    @Test
    void unreadablePrivateKeyFailsWithoutShowingIt() {
        SshTarget target = new SshTarget(
                "127.0.0.1",
                server.getPort(),
                "hang",
                "-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0\n-----END OPENSSH PRIVATE KEY-----",
                hostKey,
                Duration.ofSeconds(2),
                Duration.ofSeconds(2));

        AttemptOutcome outcome = transport.run(target, "x\n", new RecordingSink());

        assertThat(outcome.kind()).isEqualTo(Kind.FAIL);
        assertThat(outcome.message()).contains("private key").doesNotContain("c2VjcmV0");
        assertThat(target.toString()).doesNotContain("c2VjcmV0");
    }

    /** hang: prints "started" and never exits; drop: prints "first line", then cuts the connection. */
    private static final class FaultCommand implements Command {
        private OutputStream out;

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            String user = channel.getSession().getUsername();
            if (user.equals("hang")) {
                write("started\n");
            } else if (user.equals("drop")) {
                write("first line\n");
                Thread.ofVirtual().start(() -> {
                    sleep(300);
                    channel.getSession().close(true);
                });
            }
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void destroy(ChannelSession channel) {}

        @Override
        public void setExitCallback(ExitCallback callback) {}

        @Override
        public void setInputStream(java.io.InputStream in) {}

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {}
    }
}
