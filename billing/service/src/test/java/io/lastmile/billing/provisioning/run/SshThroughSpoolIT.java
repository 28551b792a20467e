package io.lastmile.billing.provisioning.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.provisioning.AttemptView;
import io.lastmile.billing.api.provisioning.HostKey;
import io.lastmile.billing.api.provisioning.OutputLine;
import io.lastmile.billing.api.provisioning.ServerRequest;
import io.lastmile.billing.api.provisioning.ServerView;
import io.lastmile.billing.api.provisioning.TaskView;
import io.lastmile.billing.provisioning.ssh.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSH commands through the spool against a real OpenSSH server: the key is stored through the
 * credential API, the host key scanned and pinned through the server API, and the scripts write
 * into a directory the test reads, so that what ran on the server is seen there, not only in logs.
 */
class SshThroughSpoolIT extends TransportFlowTestBase {

    /** Writes the generated password where only the server keeps it; prints around it, never it. */
    private static final String CREATE = """
            set -eu
            dir='{{ us.server.settings.dir }}'
            echo "creating vpn user us{{ us.id }} for contract {{ user.contract }}"
            echo "notice: no quota for us{{ us.id }}" >&2
            umask 077
            printf '%s\\n' '{{ gen_store_pass() }}' > "$dir/us{{ us.id }}.secret"
            echo '{{ user.contract }}' > "$dir/us{{ us.id }}.contract"
            echo "password set: $(wc -c < "$dir/us{{ us.id }}.secret") bytes" >&2
            echo "done us{{ us.id }}"
            """;

    private static OpenSshServer sshd;

    @TempDir
    Path dir;

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

    @Test
    void aScriptRunsOnThePinnedServerAndItsLinesAreKeptWithoutTheGeneratedPassword() throws Exception {
        bind("CREATE", CREATE, pinnedServer(sshd).id(), 3);
        AccountView account = account(null, "100");
        long us = order(account.id());
        assertThat(status(us)).isEqualTo("PROGRESS");

        runSpool();

        assertThat(status(us)).isEqualTo("ACTIVE");
        TaskView task = task(us);
        assertThat(task.status()).isEqualTo("SUCCESS");
        assertThat(task.attempts()).isEqualTo(1);
        String password = storedPassword(us);
        assertThat(password).matches("[A-Za-z0-9]{24}");
        assertThat(Files.readString(dir.resolve("us" + us + ".secret"))).isEqualTo(password + "\n");
        assertThat(Files.readString(dir.resolve("us" + us + ".contract"))).isEqualTo(account.contract() + "\n");

        List<OutputLine> out = output(task.id());
        assertThat(out).extracting(OutputLine::lineNo).isSorted().doesNotHaveDuplicates();
        assertThat(out).allSatisfy(l -> assertThat(l.attempt()).isEqualTo(1));
        // each stream in its order; how stdout and stderr interleave is up to sshd's reads
        assertThat(texts(out, "STDOUT"))
                .containsExactly("creating vpn user us" + us + " for contract " + account.contract(), "done us" + us);
        assertThat(texts(out, "STDERR")).containsExactly("notice: no quota for us" + us, "password set: 25 bytes");
        assertThat(texts(out, "TRANSPORT"))
                .containsExactly(
                        "connecting to " + sshd.user + "@127.0.0.1:" + sshd.port,
                        "host key " + sshd.keygenFingerprint("host_ed25519.pub") + " verified, running script",
                        "exit status 0");
        assertThat(out.getFirst().stream()).isEqualTo("TRANSPORT");
        assertThat(out.getLast().text()).isEqualTo("exit status 0");
        assertThat(recorded(us)).doesNotContain(password);
        assertThat(openAlerts(us)).isEmpty();
    }

    @Test
    void aScriptThatKeepsFailingIsRetriedThenDeadWithTheServiceInErrorAndAnAlert() throws Exception {
        bind("CREATE", """
                echo "try $(date +%s)" >> '{{ us.server.settings.dir }}/us{{ us.id }}.tries'
                echo "radius for us{{ us.id }} is down" >&2
                exit 3
                """, pinnedServer(sshd).id(), 2);
        long us = order(account(null, "100").id());

        runSpool();
        assertThat(status(us)).isEqualTo("PROGRESS");
        assertThat(task(us).status()).isEqualTo("FAILED");
        advance(Duration.ofMinutes(1)); // past the backoff
        runSpool();

        assertThat(status(us)).isEqualTo("ERROR");
        TaskView dead = task(us);
        assertThat(dead.status()).isEqualTo("DEAD");
        assertThat(dead.lastMessage()).isEqualTo("command exited with status 3");
        assertThat(detail(dead.id()).attempts())
                .extracting(AttemptView::outcome, AttemptView::exitStatus)
                .containsExactly(tuple("RETRY", 3), tuple("RETRY", 3));
        assertThat(Files.readAllLines(dir.resolve("us" + us + ".tries")))
                .as("the script ran twice")
                .hasSize(2);
        List<OutputLine> out = output(dead.id());
        assertThat(out.stream().filter(l -> l.stream().equals("STDERR")))
                .extracting(OutputLine::attempt, OutputLine::text)
                .containsExactly(
                        tuple(1, "radius for us" + us + " is down"), tuple(2, "radius for us" + us + " is down"));
        assertThat(out.getLast()).satisfies(l -> {
            assertThat(l.attempt()).isEqualTo(2);
            assertThat(l.text()).isEqualTo("exit status 3");
        });
        assertThat(openAlerts(us)).singleElement().satisfies(a -> {
            assertThat(a.taskId()).isEqualTo(dead.id());
            assertThat(a.severity()).isEqualTo("CRITICAL");
        });
    }

    @Test
    void aServerBackWithAnotherHostKeyIsRefusedBeforeTheScriptRuns() throws Exception {
        try (OpenSshServer reinstalled = OpenSshServer.start()) {
            bind("CREATE", CREATE, pinnedServer(reinstalled).id(), 3);
            AccountView account = account(null, "200");
            long before = order(account.id());
            runSpool();
            assertThat(status(before)).as("the pinned key works").isEqualTo("ACTIVE");
            String pinned = reinstalled.keygenFingerprint("host_ed25519.pub");

            reinstalled.replaceHostKey();
            long after = order(account.id());
            runSpool();

            assertThat(status(after)).isEqualTo("ERROR");
            TaskView dead = task(after);
            assertThat(dead.status()).isEqualTo("DEAD");
            assertThat(dead.attempts()).as("a mismatch is not retried").isEqualTo(1);
            assertThat(dead.lastMessage())
                    .contains("does not match the pinned key")
                    .contains("expected " + pinned)
                    .contains("presented " + reinstalled.keygenFingerprint("host_ed25519.pub"));
            assertThat(dir.resolve("us" + after + ".contract")).doesNotExist();
            assertThat(output(dead.id()))
                    .extracting(OutputLine::stream)
                    .as("nothing ran: the transport's lines only")
                    .containsOnly("TRANSPORT");
            assertThat(texts(output(dead.id()), "TRANSPORT")).noneMatch(t -> t.contains("running script"));
            assertThat(openAlerts(after)).singleElement().satisfies(a -> assertThat(a.taskId())
                    .isEqualTo(dead.id()));
        }
    }

    /** PostgreSQL text holds no NUL: a binary byte in the output must not lose the attempt's end. */
    @Test
    void aScriptPrintingANulByteRunsOnceAndItsLineIsKept() throws Exception {
        bind("CREATE", """
                echo run >> '{{ us.server.settings.dir }}/us{{ us.id }}.runs'
                printf 'bin\\0ary\\n'
                """, pinnedServer(sshd).id(), 3);
        long us = order(account(null, "100").id());

        runSpool();

        assertThat(status(us)).isEqualTo("ACTIVE");
        TaskView task = task(us);
        assertThat(task.status()).isEqualTo("SUCCESS");
        assertThat(Files.readAllLines(dir.resolve("us" + us + ".runs"))).hasSize(1);
        assertThat(texts(output(task.id()), "STDOUT")).containsExactly("bin\u2400ary");
    }

    /** An SSH server made as the operator makes one: key stored, host key scanned, compared, pinned, then enabled. */
    private ServerView pinnedServer(OpenSshServer ssh) throws Exception {
        String key = credential("SSH_KEY", ssh.user, ssh.key("user_ed25519"));
        Map<String, Object> settings = Map.of("dir", dir.toString());
        ServerView created = server(new ServerRequest(
                category + "-vpn", null, "SSH", "127.0.0.1", ssh.port, key, null, null, null, settings));
        assertThat(created.enabled())
                .as("disabled until its host key is pinned")
                .isFalse();
        HostKey scanned = call(
                admin().post()
                        .uri(API + "/servers/{id}/host-key/scan", created.id())
                        .body(Map.of())
                        .retrieve()
                        .toEntity(HostKey.class),
                200);
        assertThat(scanned.fingerprint()).isEqualTo(ssh.keygenFingerprint("host_ed25519.pub"));
        call(
                admin().put()
                        .uri(API + "/servers/{id}/host-key", created.id())
                        .body(scanned)
                        .retrieve()
                        .toEntity(ServerView.class),
                200);
        return call(
                admin().put()
                        .uri(API + "/servers/{id}", created.id())
                        .body(new ServerRequest(
                                created.name(), null, "SSH", "127.0.0.1", ssh.port, key, true, null, null, settings))
                        .retrieve()
                        .toEntity(ServerView.class),
                200);
    }

    private String storedPassword(long us) {
        return call(
                admin().get()
                        .uri("/api/v1/user-services/{id}/storage/password", us)
                        .retrieve()
                        .toEntity(String.class),
                200);
    }

    private static List<String> texts(List<OutputLine> lines, String stream) {
        return lines.stream()
                .filter(l -> l.stream().equals(stream))
                .map(OutputLine::text)
                .toList();
    }
}
