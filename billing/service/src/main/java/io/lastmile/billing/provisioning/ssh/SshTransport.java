package io.lastmile.billing.provisioning.ssh;

import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.OutputSink;
import io.lastmile.billing.provisioning.OutputSink.Stream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Runs provisioning scripts on the operator's servers over SSH, with one shared MINA client.
 *
 * <p>Each attempt is one connection: the server must present exactly the pinned host key (a
 * mismatch is {@code FAIL} before anything is sent: it is either a reinstalled server the operator
 * must confirm again or an attacker), the client authenticates with the target's key only, and
 * the script goes to {@code bash -s} on standard input, so it never appears in a process list
 * and needs no quoting. Output reaches the sink line by line as it arrives.
 *
 * <p>How attempts end: exit 0 is {@code SUCCESS}. A non-zero exit is {@code RETRY} carrying the
 * status: scripts fail transiently (a locked package database, a busy device) and the spool
 * bounds retries by the command's retry policy, ending the task DEAD when exhausted. A refused or
 * timed-out connection, a command timeout and a connection dropped mid-command are {@code RETRY}.
 * A rejected key, a host key mismatch and an unreadable target are {@code FAIL}: the same attempt
 * cannot pass later.
 *
 * <p>On a command timeout the channel and session are closed; OpenSSH then closes the script's
 * pipes, but a script that ignores them may linger on the server: long scripts should bound
 * themselves (e.g. with {@code timeout}).
 */
public final class SshTransport implements AutoCloseable {

    private static final AttributeKey<HostKeyCheck> HOST_KEY_CHECK = new AttributeKey<>();
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final SshClient client;

    public SshTransport() {
        client = SshClient.setUpDefaultClient();
        // Nothing from ~/.ssh: only the target's key and the pinned host key count.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        client.setServerKeyVerifier(SshTransport::verifyServerKey);
        client.start();
    }

    /** Runs {@code script} with {@code bash -s} on the target; never throws for remote trouble. */
    public AttemptOutcome run(SshTarget target, String script, OutputSink sink) {
        OutputSink out = synchronizedSink(sink);
        String where = target.user() + "@" + target.host() + ":" + target.port();
        PublicKey pinned;
        KeyPair identity;
        try {
            pinned = HostKeys.parse(target.hostKey());
        } catch (IllegalArgumentException e) {
            return AttemptOutcome.fail(null, "pinned host key of " + where + " is " + e.getMessage());
        }
        try {
            identity = loadIdentity(target.privateKey());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return AttemptOutcome.fail(
                    null, "private key for " + where + " cannot be read: give an unencrypted OpenSSH or PEM key");
        }
        HostKeyCheck check = new HostKeyCheck(pinned);
        out.line(Stream.TRANSPORT, "connecting to " + where);
        ConnectFuture connecting;
        try {
            connecting = client.connect(
                    target.user(),
                    target.host(),
                    target.port(),
                    AttributeRepository.ofKeyValuePair(HOST_KEY_CHECK, check),
                    null);
            if (!connecting.await(target.connectTimeout())) {
                connecting.cancel();
                return AttemptOutcome.retry(
                        null, "connecting to " + where + " timed out after " + seconds(target.connectTimeout()));
            }
            connecting.verify();
        } catch (IOException e) {
            return AttemptOutcome.retry(null, "cannot connect to " + where + ": " + reason(e));
        }
        ClientSession session = connecting.getSession();
        try {
            AttemptOutcome refused = authenticate(session, identity, check, target, where);
            if (refused != null) {
                return refused;
            }
            out.line(Stream.TRANSPORT, "host key " + HostKeys.fingerprint(pinned) + " verified, running script");
            return execute(session, target, script, out, where);
        } finally {
            closeQuietly(session);
        }
    }

    /** Answers null when authenticated, else how the attempt ends. */
    private static AttemptOutcome authenticate(
            ClientSession session, KeyPair identity, HostKeyCheck check, SshTarget target, String where) {
        session.addPublicKeyIdentity(identity);
        boolean done;
        AuthFuture auth;
        try {
            auth = session.auth();
            done = auth.await(target.connectTimeout());
        } catch (IOException e) {
            return check.mismatch(where) != null
                    ? check.mismatch(where)
                    : AttemptOutcome.retry(null, "handshake with " + where + " failed: " + reason(e));
        }
        AttemptOutcome mismatch = check.mismatch(where);
        if (mismatch != null) {
            return mismatch;
        }
        if (!done) {
            return AttemptOutcome.retry(
                    null, "handshake with " + where + " did not complete within " + seconds(target.connectTimeout()));
        }
        if (auth.isSuccess()) {
            return null;
        }
        if (!session.isOpen()) {
            return AttemptOutcome.retry(null, "connection to " + where + " closed during the handshake");
        }
        return AttemptOutcome.fail(
                null,
                "server " + where + " refused the key for user '" + target.user()
                        + "': add the key's public half to that user's authorized_keys");
    }

    private static AttemptOutcome execute(
            ClientSession session, SshTarget target, String script, OutputSink out, String where) {
        SshLineStream stdout = new SshLineStream(out, Stream.STDOUT);
        SshLineStream stderr = new SshLineStream(out, Stream.STDERR);
        try (ChannelExec channel = session.createExecChannel("bash -s")) {
            channel.setOut(stdout);
            channel.setErr(stderr);
            if (!channel.open().await(target.connectTimeout())) {
                return AttemptOutcome.retry(null, "server " + where + " did not open a session channel in time");
            }
            // Written here, not pumped: a script is small next to the 2 MiB channel window.
            try (OutputStream stdin = channel.getInvertedIn()) {
                stdin.write(script.getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
            Set<ClientChannelEvent> events =
                    channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), target.commandTimeout());
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                channel.close(true);
                session.close(true);
                finish(stdout, stderr);
                String message = "command timed out after " + seconds(target.commandTimeout()) + " and was stopped";
                out.line(Stream.TRANSPORT, message);
                return AttemptOutcome.retry(null, message);
            }
            finish(stdout, stderr);
            return exited(channel, out, where);
        } catch (IOException e) {
            finish(stdout, stderr);
            return AttemptOutcome.retry(
                    null, "connection to " + where + " failed while running the command: " + reason(e));
        }
    }

    private static AttemptOutcome exited(ChannelExec channel, OutputSink out, String where) {
        Integer status = channel.getExitStatus();
        if (status != null) {
            out.line(Stream.TRANSPORT, "exit status " + status);
            return status == 0
                    ? AttemptOutcome.success(0, "exit status 0")
                    : AttemptOutcome.retry(status, "command exited with status " + status);
        }
        String signal = channel.getExitSignal();
        String message = signal != null
                ? "command was killed by signal " + signal
                : "connection to " + where + " closed before the command ended";
        out.line(Stream.TRANSPORT, message);
        return AttemptOutcome.retry(null, message);
    }

    /**
     * Connects without authenticating and answers the server's host key as an OpenSSH line, for
     * the operator to confirm (by its fingerprint) before the key is pinned.
     */
    public String hostKey(String host, int port, Duration timeout) throws IOException {
        HostKeyCheck probe = new HostKeyCheck(null);
        long deadline = System.nanoTime() + timeout.toNanos();
        ConnectFuture connecting = client.connect(
                "hostkey-probe", host, port, AttributeRepository.ofKeyValuePair(HOST_KEY_CHECK, probe), null);
        if (!connecting.await(timeout)) {
            connecting.cancel();
            throw new IOException("connecting to " + host + ":" + port + " timed out after " + seconds(timeout));
        }
        connecting.verify();
        ClientSession session = connecting.getSession();
        try {
            long left = Math.max(1, deadline - System.nanoTime());
            return HostKeys.line(probe.presented.get(left, TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            throw new IOException(host + ":" + port + " presented no host key within " + seconds(timeout), e);
        } catch (ExecutionException e) {
            throw new IOException("reading the host key of " + host + ":" + port + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            session.close(true);
        }
    }

    /** The {@code SHA256:...} fingerprint of an OpenSSH public key line, as ssh-keygen -l prints it. */
    public static String fingerprint(String publicKeyLine) {
        return HostKeys.fingerprint(HostKeys.parse(publicKeyLine));
    }

    @Override
    public void close() throws IOException {
        client.stop();
        client.close();
    }

    private static boolean verifyServerKey(ClientSession session, java.net.SocketAddress address, PublicKey presented) {
        HostKeyCheck check = session.getConnectionContext() == null
                ? null
                : session.getConnectionContext().getAttribute(HOST_KEY_CHECK);
        return check != null && check.accept(presented);
    }

    private static KeyPair loadIdentity(String privateKey) throws IOException, GeneralSecurityException {
        Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(
                null,
                NamedResource.ofName("target private key"),
                new ByteArrayInputStream(privateKey.strip().concat("\n").getBytes(StandardCharsets.US_ASCII)),
                null);
        Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
        if (it == null || !it.hasNext()) {
            throw new GeneralSecurityException("no key found");
        }
        return it.next();
    }

    private static OutputSink synchronizedSink(OutputSink sink) {
        return (stream, text) -> {
            synchronized (sink) {
                sink.line(stream, text);
            }
        };
    }

    private static void finish(SshLineStream stdout, SshLineStream stderr) {
        stdout.finish();
        stderr.finish();
    }

    private static void closeQuietly(ClientSession session) {
        try {
            session.close(false).await(CLOSE_WAIT);
        } catch (IOException | RuntimeException e) {
            session.close(true);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    /** The exception's own words without stack or key material; MINA messages name no secrets. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    /** What one connection expects of the server key, and what the server presented. */
    private static final class HostKeyCheck {
        private final PublicKey pinned;
        private final CompletableFuture<PublicKey> presented = new CompletableFuture<>();

        HostKeyCheck(PublicKey pinned) {
            this.pinned = pinned;
        }

        /** A probe (nothing pinned) accepts and only records; an attempt accepts the pinned key only. */
        boolean accept(PublicKey key) {
            presented.complete(key);
            return pinned == null || KeyUtils.compareKeys(pinned, key);
        }

        AttemptOutcome mismatch(String where) {
            PublicKey key = presented.getNow(null);
            if (pinned == null || key == null || KeyUtils.compareKeys(pinned, key)) {
                return null;
            }
            return AttemptOutcome.fail(
                    null,
                    "host key of " + where + " does not match the pinned key: expected "
                            + HostKeys.fingerprint(pinned) + ", server presented " + HostKeys.fingerprint(key)
                            + "; if the server was reinstalled, confirm and pin its new key");
        }
    }
}
