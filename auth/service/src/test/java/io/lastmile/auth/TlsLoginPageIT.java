package io.lastmile.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.testkit.PostgresExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * auth served over real TLS (a certificate made by the JDK's keytool for 127.0.0.1): the login
 * page's session cookie is Secure, HttpOnly and SameSite=Lax, and HSTS is sent. LoginPagesIT
 * checks the plain-HTTP side (no HSTS).
 */
@ExtendWith(PostgresExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TlsLoginPageIT {

    private static final String STORE_PASSWORD = "tls-test-store";
    private static final Path KEYSTORE = keystore();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresExtension.datasource(registry);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("server.ssl.key-store", () -> KEYSTORE.toString());
        registry.add("server.ssl.key-store-type", () -> "PKCS12");
        registry.add("server.ssl.key-store-password", () -> STORE_PASSWORD);
        registry.add("lastmile.auth.issuer", () -> "https://127.0.0.1");
        registry.add("lastmile.platform.auth.issuer", () -> "https://127.0.0.1");
        registry.add("lastmile.platform.auth.jwk-set-uri", () -> "https://127.0.0.1/oauth2/jwks");
        registry.add("lastmile.auth.secrets.key-file", () -> KEYSTORE.resolveSibling("secret.key")
                .toString());
    }

    @Test
    void marksTheSessionCookieSecureAndSendsHstsOverTls() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting()).build();

        HttpResponse<String> login = client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/login"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(
                        hsts -> assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains"));
        List<String> cookies = login.headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=")
                .contains("Secure")
                .contains("HttpOnly")
                .contains("SameSite=Lax"));
    }

    /** A key pair and self-signed certificate for 127.0.0.1, made by keytool as an operator would. */
    private static Path keystore() {
        try {
            Path dir = Files.createTempDirectory("auth-tls");
            Path store = dir.resolve("auth.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(
                            keytool.toString(),
                            "-genkeypair",
                            "-alias",
                            "auth",
                            "-keyalg",
                            "EC",
                            "-groupname",
                            "secp256r1",
                            "-dname",
                            "CN=127.0.0.1",
                            "-ext",
                            "san=ip:127.0.0.1",
                            "-validity",
                            "2",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            store.toString(),
                            "-storepass",
                            STORE_PASSWORD)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            return store;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext trusting() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KEYSTORE)) {
            trusted.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
