package io.lastmile.billing.provisioning.secret;

import static io.lastmile.billing.db.Tables.CREDENTIAL;
import static io.lastmile.billing.db.Tables.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.api.provisioning.CredentialView;
import io.lastmile.billing.api.provisioning.NewCredential;
import io.lastmile.billing.api.provisioning.NewKeyPair;
import io.lastmile.billing.clock.MutableClock;
import io.lastmile.platform.secret.SecretBoxException;
import io.lastmile.platform.web.NotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Credentials over real HTTP on real PostgreSQL: secrets go in sealed and never come out. */
@ExtendWith(OutputCaptureExtension.class)
class CredentialApiIT extends BillingApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CREDENTIALS = "/api/v1/provisioning/credentials";
    private static final Instant T0 = Instant.parse("2031-05-01T09:00:00Z");
    private static final String[] CHATTY = {"org.springframework.web", "io.lastmile", "org.jooq"};

    @TempDir
    Path dir;

    @Autowired
    Credentials credentials;

    @Autowired
    MutableClock clock;

    @Autowired
    DSLContext db;

    @Autowired
    LoggingSystem logging;

    @AfterEach
    void realTimeAndQuietLogsAgain() {
        clock.set(null);
        for (String logger : CHATTY) {
            logging.setLogLevel(logger, null);
        }
    }

    @Test
    void storesAPasswordAndNeverShowsItAgainNotEvenInDebugLogs(CapturedOutput output) {
        for (String logger : CHATTY) {
            logging.setLogLevel(logger, LogLevel.DEBUG);
        }
        clock.set(T0);
        String secret = "Pa55-smtp-secret-4711";

        ResponseEntity<String> created = put("smtp.main", new NewCredential("PASSWORD", "billing@isp.example", secret));
        clock.set(T0.plusSeconds(60));
        ResponseEntity<String> replaced =
                put("smtp.main", new NewCredential("PASSWORD", "billing@isp.example", secret));
        ResponseEntity<String> one =
                admin().get().uri(CREDENTIALS + "/smtp.main").retrieve().toEntity(String.class);
        ResponseEntity<String> all = admin().get().uri(CREDENTIALS).retrieve().toEntity(String.class);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getHeaders().getLocation()).hasToString(CREDENTIALS + "/smtp.main");
        assertThat(replaced.getStatusCode().value()).isEqualTo(200);
        CredentialView view = JSON.readValue(one.getBody(), CredentialView.class);
        assertThat(view)
                .isEqualTo(new CredentialView(
                        "smtp.main", "PASSWORD", "billing@isp.example", null, null, T0, T0.plusSeconds(60)));
        assertThat(JSON.readValue(all.getBody(), CredentialView[].class)).contains(view);
        for (ResponseEntity<String> answer : List.of(created, replaced, one, all)) {
            assertThat(answer.getBody()).doesNotContain(secret).doesNotContainIgnoringCase("secret\"");
        }
        assertThat(credentials.open("smtp.main").value()).isEqualTo(secret);
        assertThat(credentials.open("smtp.main").toString()).doesNotContain(secret);
        assertThat(storedBytes("smtp.main")).doesNotContain(secret);
        assertThat(output.getAll()).as("debug logs saw the request").contains("smtp.main");
        assertThat(output.getAll()).doesNotContain(secret);
    }

    @Test
    void storesAnSshKeyWithThePublicHalfAndFingerprintSshKeygenShows() throws Exception {
        Path key = keygen("-t", "ed25519");
        String privateKey = Files.readString(key);

        ResponseEntity<String> answer = put("vpn-ssh", new NewCredential("SSH_KEY", "deploy", privateKey));

        assertThat(answer.getStatusCode().value()).isEqualTo(201);
        CredentialView view = JSON.readValue(answer.getBody(), CredentialView.class);
        assertThat(view.kind()).isEqualTo("SSH_KEY");
        assertThat(view.username()).isEqualTo("deploy");
        assertThat(view.fingerprint()).isEqualTo(fingerprint(key));
        assertThat(view.publicKey()).isEqualTo(publicHalf(key) + " lastmile-vpn-ssh");
        assertThat(answer.getBody()).doesNotContain("PRIVATE KEY").doesNotContain(keyBody(privateKey));
        Secret secret = credentials.open("vpn-ssh");
        assertThat(secret.kind()).isEqualTo(CredentialKind.SSH_KEY);
        assertThat(secret.username()).isEqualTo("deploy");
        assertThat(secret.value()).isEqualTo(privateKey);
        assertThat(secret.toString()).doesNotContain(keyBody(privateKey));
        assertThat(storedBytes("vpn-ssh")).doesNotContain(keyBody(privateKey));
    }

    @Test
    void refusesBadInputNamingEachFieldWithoutQuotingTheSecret(CapturedOutput output) throws Exception {
        String password = "do-not-echo-me-0042";
        String encrypted = Files.readString(keygen("-t", "ed25519", "-N", "a passphrase"));
        String small = Files.readString(keygen("-t", "rsa", "-b", "1024"));

        assertThat(problem(put("ok-1", new NewCredential(null, null, password))))
                .containsEntry("kind", "is required: one of SSH_KEY, PASSWORD, TOKEN");
        assertThat(problem(put("ok-1", new NewCredential("PASSWD", " ", password))))
                .containsEntry("kind", "must be one of SSH_KEY, PASSWORD, TOKEN")
                .containsKey("username");
        assertThat(problem(put("ok-1", new NewCredential("TOKEN", null, "")))).containsEntry("secret", "is required");
        assertThat(problem(put("ok-1", new NewCredential("TOKEN", null, "x".repeat(4097)))))
                .containsEntry("secret", "is longer than 4096 characters");
        assertThat(problem(put("-leading-dash", new NewCredential("TOKEN", null, password))))
                .containsOnlyKeys("name");
        assertThat(problem(put("ok-1", new NewCredential("SSH_KEY", null, password))))
                .containsEntry("username", "is required for an SSH key: the login on the servers")
                .containsEntry(
                        "secret",
                        "is not a private key in OpenSSH or PEM format (it begins with"
                                + " '-----BEGIN OPENSSH PRIVATE KEY-----' or '-----BEGIN ... PRIVATE KEY-----')");
        assertThat(problem(put("ok-1", new NewCredential("SSH_KEY", "root", encrypted)))
                        .get("secret"))
                .startsWith("is protected by a passphrase");
        assertThat(problem(put("ok-1", new NewCredential("SSH_KEY", "root", small)))
                        .get("secret"))
                .startsWith("is a 1024-bit RSA key");

        String raw = "{\"kind\": \"TOKEN\", \"secret\": " + password + "}";
        ResponseEntity<String> unreadable = admin().put()
                .uri(CREDENTIALS + "/ok-1")
                .contentType(MediaType.APPLICATION_JSON)
                .body(raw)
                .retrieve()
                .toEntity(String.class);
        assertThat(unreadable.getStatusCode().value()).isEqualTo(400);
        assertThat(JSON.readTree(unreadable.getBody())
                        .path("errors")
                        .path("body")
                        .asString())
                .isEqualTo("is not valid JSON");
        assertThat(unreadable.getBody()).doesNotContain(password);
        ResponseEntity<String> wrongType = admin().put()
                .uri(CREDENTIALS + "/ok-1")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"kind\": \"TOKEN\", \"secret\": {\"v\": \"" + password + "\"}}")
                .retrieve()
                .toEntity(String.class);
        assertThat(problem(wrongType)).containsEntry("secret", "must be a string");

        assertThat(admin().get()
                        .uri(CREDENTIALS + "/ok-1")
                        .retrieve()
                        .toEntity(String.class)
                        .getStatusCode()
                        .value())
                .as("nothing stored")
                .isEqualTo(404);
        assertThat(output.getAll()).doesNotContain(password).doesNotContain(keyBody(small));
    }

    @Test
    void generatesAnEd25519KeyPairAndShowsOnlyItsPublicHalf() throws Exception {
        ResponseEntity<String> answer = admin().post()
                .uri(CREDENTIALS + "/gen.key-1/generate")
                .body(new NewKeyPair("provision"))
                .retrieve()
                .toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(201);
        CredentialView view = JSON.readValue(answer.getBody(), CredentialView.class);
        assertThat(view.name()).isEqualTo("gen.key-1");
        assertThat(view.kind()).isEqualTo("SSH_KEY");
        assertThat(view.username()).isEqualTo("provision");
        assertThat(view.publicKey()).matches("ssh-ed25519 AAAA[A-Za-z0-9+/=]+ lastmile-gen\\.key-1");
        Secret secret = credentials.open("gen.key-1");
        assertThat(answer.getBody()).doesNotContain("PRIVATE KEY").doesNotContain(keyBody(secret.value()));
        Path file = dir.resolve("generated");
        Files.writeString(file, secret.value());
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(run("ssh-keygen", "-y", "-f", file.toString()).strip()).isEqualTo(view.publicKey());
        assertThat(fingerprint(file)).isEqualTo(view.fingerprint());

        ResponseEntity<String> again = admin().post()
                .uri(CREDENTIALS + "/gen.key-1/generate")
                .body(new NewKeyPair("provision"))
                .retrieve()
                .toEntity(String.class);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(credentials.open("gen.key-1").value())
                .as("the first key stays")
                .isEqualTo(secret.value());
        assertThat(problem(admin().post()
                        .uri(CREDENTIALS + "/gen-2/generate")
                        .body(Map.of())
                        .retrieve()
                        .toEntity(String.class)))
                .containsKey("username");
    }

    @Test
    void aCredentialAServerUsesCannotBeDeleted() {
        put("router-token", new NewCredential("TOKEN", null, "tok-abc-123"));
        long server = addServer("router-1", "router-token");

        ResponseEntity<String> refused =
                admin().delete().uri(CREDENTIALS + "/router-token").retrieve().toEntity(String.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(JSON.readTree(refused.getBody()).path("detail").asString())
                .isEqualTo("credential 'router-token' is used by server(s) router-1: point them at another"
                        + " credential first");
        assertThat(credentials.open("router-token").value()).isEqualTo("tok-abc-123");

        db.update(SERVER)
                .setNull(SERVER.CREDENTIALS_REF)
                .where(SERVER.ID.eq(server))
                .execute();
        assertThat(admin().delete()
                        .uri(CREDENTIALS + "/router-token")
                        .retrieve()
                        .toEntity(String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(204);
        assertThat(admin().get()
                        .uri(CREDENTIALS + "/router-token")
                        .retrieve()
                        .toEntity(String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(admin().delete()
                        .uri(CREDENTIALS + "/router-token")
                        .retrieve()
                        .toEntity(String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThatThrownBy(() -> credentials.open("router-token")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aSecretAlteredInTheDatabaseDoesNotOpen() {
        put("altered", new NewCredential("TOKEN", null, "tok-original"));
        byte[] sealed = db.select(CREDENTIAL.SECRET)
                .from(CREDENTIAL)
                .where(CREDENTIAL.NAME.eq("altered"))
                .fetchSingle()
                .value1();
        sealed[sealed.length - 1] ^= 1;
        db.update(CREDENTIAL)
                .set(CREDENTIAL.SECRET, sealed)
                .where(CREDENTIAL.NAME.eq("altered"))
                .execute();

        assertThatThrownBy(() -> credentials.open("altered"))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("the stored value was altered");
    }

    @Test
    void answersNothingWithoutAnAdminToken() {
        assertThat(client(null)
                        .get()
                        .uri(CREDENTIALS)
                        .retrieve()
                        .toEntity(String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
    }

    private ResponseEntity<String> put(String name, NewCredential credential) {
        return admin().put()
                .uri(CREDENTIALS + "/{name}", name)
                .body(credential)
                .retrieve()
                .toEntity(String.class);
    }

    private static Map<String, String> problem(ResponseEntity<String> answer) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
        JsonNode errors = JSON.readTree(answer.getBody()).path("errors");
        return JSON.convertValue(errors, new tools.jackson.core.type.TypeReference<Map<String, String>>() {});
    }

    private String storedBytes(String name) {
        byte[] sealed = db.select(CREDENTIAL.SECRET)
                .from(CREDENTIAL)
                .where(CREDENTIAL.NAME.eq(name))
                .fetchSingle()
                .value1();
        return new String(sealed, StandardCharsets.ISO_8859_1);
    }

    private long addServer(String name, String credential) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return db.insertInto(SERVER)
                .set(SERVER.NAME, name)
                .set(SERVER.TRANSPORT, "HTTP")
                .set(SERVER.HOST, "10.0.0.1")
                .set(SERVER.PORT, 443)
                .set(SERVER.CREDENTIALS_REF, credential)
                .set(SERVER.CREATED_AT, now)
                .set(SERVER.UPDATED_AT, now)
                .returning(SERVER.ID)
                .fetchSingle()
                .getId();
    }

    /** A line from the middle of a private key: present wherever the key is. */
    private static String keyBody(String privateKey) {
        return privateKey.lines().toList().get(2);
    }

    private Path keygen(String... options) throws IOException, InterruptedException {
        Path file = dir.resolve("key-" + System.nanoTime());
        List<String> command =
                new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-C", "test", "-f", file.toString()));
        command.addAll(List.of(options));
        if (!command.contains("-N")) {
            command.addAll(List.of("-N", ""));
        }
        run(command.toArray(String[]::new));
        return file;
    }

    private static String publicHalf(Path key) throws IOException {
        String[] parts = Files.readString(Path.of(key + ".pub")).strip().split(" ");
        return parts[0] + " " + parts[1];
    }

    private static String fingerprint(Path key) throws IOException, InterruptedException {
        return run("ssh-keygen", "-l", "-E", "sha256", "-f", key.toString()).split(" ")[1];
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ": " + out)
                .isZero();
        return out;
    }
}
