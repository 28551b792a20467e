package io.lastmile.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.auth.totp.Base32;
import io.lastmile.auth.totp.Totp;
import io.lastmile.platform.security.Permissions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The authorization-code flow with PKCE driven end to end in a real headless Chromium (Debian's
 * chromium and chromium-driver): the browser opens a UI client's authorize URL, logs in on auth's
 * page, and lands on the client's redirect URI (a local HTTP server); the test exchanges the code
 * with the PKCE verifier and reads the claims.
 */
class BrowserLoginIT extends AuthServerTestBase {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    static PeerServer ui;
    WebDriver browser;
    Path profile;

    @BeforeAll
    static void startUi() {
        ui = new PeerServer(PEER_PORT);
    }

    @AfterAll
    static void stopUi() {
        ui.close();
    }

    @BeforeEach
    void startBrowser() throws IOException {
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--lang=en-US",
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (UncheckedIOException e) {
            // chromium may still be writing its profile as it exits; the directory is a temp one
        }
    }

    @Test
    void anOperatorLogsInOnAuthsPageAndTheUiGetsTheirRolesAndPermissions() {
        createOperator("web-cashier", "Till-Keeper-2024x", "cashier");
        LoginFlow flow = operatorLogin();

        String code = logIn(flow, "web-cashier", "Till-Keeper-2024x");
        Map<String, Object> tokens = flow.tokens(code, UI_SECRET);

        Jwt jwt = decode(tokens.get("access_token"));
        assertThat(jwt.getSubject()).isEqualTo("web-cashier");
        assertThat(jwt.getAudience()).contains("operator-ui", Permissions.AUDIENCE);
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("cashier");
        assertThat(jwt.getClaimAsStringList(Permissions.CLAIM))
                .contains(Permissions.PAYMENTS_WRITE, Permissions.LEDGER_CORRECT);
        assertThat(jwt.getClaimAsString(Permissions.CORRECTION_LIMIT_CLAIM)).isEqualTo("5000.00");
        assertThat(decode(tokens.get("id_token")).getSubject()).isEqualTo("web-cashier");
        assertThat(tokens.get("refresh_token")).isNotNull();
    }

    @Test
    void aSubscriberLogsInWithTheContractNumberAndTheCabinetGetsTheirAccount() {
        int created = http.post()
                .uri("/api/v1/subscribers")
                .headers(h -> h.setBearerAuth(token("billing", "billing-secret")))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("accountId", 4242, "contract", "D-4242", "password", "Cabinet-Pass-4242"))
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();
        assertThat(created).isEqualTo(201);
        LoginFlow flow = subscriberLogin();

        browser.get(flow.authorizeUrl());
        assertThat(waitFor(By.tagName("h1")).getText()).isEqualTo("Subscriber sign in");
        String code = submitLogin(flow, "D-4242", "Cabinet-Pass-4242");
        Jwt jwt = decode(flow.tokens(code, CABINET_SECRET).get("access_token"));

        assertThat(jwt.getSubject()).isEqualTo("subscriber:4242");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("subscriber");
        assertThat(jwt.getClaimAsStringList(Permissions.CLAIM)).containsExactly(Permissions.SELF);
        assertThat(((Number) jwt.getClaim(Permissions.ACCOUNT_CLAIM)).longValue())
                .isEqualTo(4242L);
    }

    @Test
    void anOperatorWithTotpIsAskedForTheCodeAfterThePassword() {
        createOperator("web-noc", "Night-Shift-2024x", "noc");
        Map<?, ?> enrolment = http.post()
                .uri("/api/v1/operators/web-noc/totp")
                .headers(h -> h.setBearerAuth(adminToken()))
                .retrieve()
                .body(Map.class);
        byte[] secret = Base32.decode(
                LoginFlow.query(URI.create(enrolment.get("uri").toString()).getRawQuery())
                        .get("secret"));
        long now = Totp.step(Instant.now());
        http.post()
                .uri("/api/v1/operators/web-noc/totp/confirm")
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("code", Totp.code(secret, now - 1)))
                .retrieve()
                .toBodilessEntity();
        LoginFlow flow = operatorLogin();

        browser.get(flow.authorizeUrl());
        waitFor(By.id("username")).sendKeys("web-noc");
        browser.findElement(By.id("password")).sendKeys("Night-Shift-2024x");
        browser.findElement(By.id("submit")).click();
        waitFor(By.id("code")).sendKeys(Totp.code(secret, Totp.step(Instant.now())));
        browser.findElement(By.id("submit")).click();
        String code = callbackCode(flow);

        assertThat(decode(flow.tokens(code, UI_SECRET).get("access_token")).getClaimAsStringList("roles"))
                .containsExactly("noc");
    }

    @Test
    void aWrongPasswordStaysOnTheLoginPageSayingSo() {
        LoginFlow flow = operatorLogin();

        browser.get(flow.authorizeUrl());
        waitFor(By.linkText("Русский")).click();
        waitFor(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.id("submit")).click();

        assertThat(waitFor(By.id("error")).getText()).isEqualTo("Неверный логин или пароль.");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Вход для операторов");
        assertThat(browser.getCurrentUrl()).startsWith(ISSUER + "/login");
        assertThat(ui.to("/callback"))
                .noneMatch(r -> r.query() != null && r.query().contains(flow.state));
    }

    private String logIn(LoginFlow flow, String login, String password) {
        browser.get(flow.authorizeUrl());
        return submitLogin(flow, login, password);
    }

    private String submitLogin(LoginFlow flow, String login, String password) {
        waitFor(By.id("username")).sendKeys(login);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("submit")).click();
        return callbackCode(flow);
    }

    /** Waits for the browser to reach the UI's redirect URI and reads the code the UI received. */
    private String callbackCode(LoginFlow flow) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("callback")));
        assertThat(browser.getCurrentUrl()).startsWith(PEER + "/callback");
        Map<String, String> query =
                LoginFlow.query(URI.create(browser.getCurrentUrl()).getRawQuery());
        assertThat(query.get("state")).isEqualTo(flow.state);
        List<PeerServer.Received> received = ui.to("/callback");
        assertThat(received).anyMatch(r -> r.query().contains("code=" + query.get("code")));
        return query.get("code");
    }

    private org.openqa.selenium.WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }
}
