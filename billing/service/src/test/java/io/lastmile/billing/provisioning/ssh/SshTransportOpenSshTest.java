package io.lastmile.billing.provisioning.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.AttemptOutcome.Kind;
import io.lastmile.billing.provisioning.OutputSink.Stream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transport against a real OpenSSH server, as it will meet the operator's servers. */
class SshTransportOpenSshTest {

    private static final Duration BOUND = Duration.ofSeconds(15);

    private static OpenSshServer sshd;
    private static SshTransport transport;

    @BeforeAll
    static void start() throws Exception {
        sshd = OpenSshServer.start();
        transport = new SshTransport();
    }

    @AfterAll
    static void stop() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private static SshTarget target(String keyFile, String hostKey) throws IOException {
        return new SshTarget(
                "127.0.0.1",
                sshd.port,
                sshd.user,
                sshd.key(keyFile),
                hostKey,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }

    private static AttemptOutcome run(SshTarget target, String script, RecordingSink sink) {
        return assertTimeoutPreemptively(BOUND, () -> transport.run(target, script, sink));
    }

    @Test
    void streamsStdoutAndStderrLineByLineAndSucceedsOnExitZero() throws Exception {
        Path seen = sshd.dir.resolve("first-line-seen");
        RecordingSink sink = new RecordingSink() {
            @Override
            public void line(Stream stream, String text) {
                super.line(stream, text);
                if (text.equals("out 1")) {
                    seen.toFile().mkdir(); // the script waits for this: proves lines come live
                }
            }
        };
        String script = """
                echo 'out 1'
                for i in $(seq 100); do [ -d %s ] && break; sleep 0.05; done
                [ -d %s ] && echo 'out 2 streamed' || echo 'out 2 buffered'
                echo 'err 1' >&2
                echo 'err 2' >&2
                printf 'out 3 no newline'
                """.formatted(seen, seen);

        AttemptOutcome outcome = run(target("user_ed25519", sshd.hostKeyLine()), script, sink);

        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Kind.SUCCESS);
        assertThat(outcome.exitStatus()).isZero();
        assertThat(sink.of(Stream.STDOUT)).containsExactly("out 1", "out 2 streamed", "out 3 no newline");
        assertThat(sink.of(Stream.STDERR)).containsExactly("err 1", "err 2");
    }

    @Test
    void nonZeroExitCarriesTheStatusAndIsRetried() throws Exception {
        RecordingSink sink = new RecordingSink();

        AttemptOutcome outcome = run(target("user_ed25519", sshd.hostKeyLine()), "echo before\nexit 3\n", sink);

        assertThat(outcome.kind()).isEqualTo(Kind.RETRY);
        assertThat(outcome.exitStatus()).isEqualTo(3);
        assertThat(outcome.message()).contains("status 3");
        assertThat(sink.of(Stream.STDOUT)).containsExactly("before");
    }

    @Test
    void rsaKeyInPemFormatAuthenticates() throws Exception {
        RecordingSink sink = new RecordingSink();

        AttemptOutcome outcome = run(target("user_rsa", sshd.hostKeyLine()), "echo rsa-ok\n", sink);

        assertThat(sshd.key("user_rsa")).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Kind.SUCCESS);
        assertThat(sink.of(Stream.STDOUT)).containsExactly("rsa-ok");
    }

    @Test
    void ed25519KeyInOpenSshFormatAuthenticates() throws Exception {
        RecordingSink sink = new RecordingSink();

        AttemptOutcome outcome = run(target("user_ed25519", sshd.hostKeyLine()), "echo ed-ok\n", sink);

        assertThat(sshd.key("user_ed25519")).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Kind.SUCCESS);
        assertThat(sink.of(Stream.STDOUT)).containsExactly("ed-ok");
    }

    @Test
    void wrongPinnedHostKeyFailsWithoutRunningTheScript() throws Exception {
        Path marker = sshd.dir.resolve("must-not-exist");
        String otherKey = sshd.key("user_ed25519.pub").strip(); // a valid key, but not the host's
        RecordingSink sink = new RecordingSink();

        AttemptOutcome outcome = run(target("user_ed25519", otherKey), "touch " + marker + "\n", sink);

        assertThat(outcome.kind()).isEqualTo(Kind.FAIL);
        assertThat(outcome.message())
                .contains("expected " + SshTransport.fingerprint(otherKey))
                .contains("presented " + sshd.keygenFingerprint("host_ed25519.pub"));
        assertThat(sink.of(Stream.STDOUT)).isEmpty();
        Thread.sleep(300); // give a wrongly started script time to show itself
        assertThat(Files.exists(marker)).isFalse();
    }

    @Test
    void keyNotAuthorizedFailsWithoutRetry() throws Exception {
        String stranger = sshd.key("host_ed25519"); // a valid key the server does not authorize
        AttemptOutcome refused = run(
                new SshTarget(
                        "127.0.0.1",
                        sshd.port,
                        sshd.user,
                        stranger,
                        sshd.hostKeyLine(),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5)),
                "echo no\n",
                new RecordingSink());

        assertThat(refused.kind()).isEqualTo(Kind.FAIL);
        assertThat(refused.message()).contains("refused the key").doesNotContain("PRIVATE");
    }

    @Test
    void hostKeyAnswersTheServersKeyAndItsKeygenFingerprint() throws Exception {
        String line = assertTimeoutPreemptively(
                BOUND, () -> transport.hostKey("127.0.0.1", sshd.port, Duration.ofSeconds(5)));

        String expected = sshd.hostKeyLine();
        assertThat(line).isEqualTo(expected.substring(0, expected.lastIndexOf(' ')));
        assertThat(SshTransport.fingerprint(line)).isEqualTo(sshd.keygenFingerprint("host_ed25519.pub"));
    }
}
