package io.lastmile.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The pages as a browser sees them: language, branding, cookies, CSRF, CORS and security headers. */
@TestPropertySource(
        properties = {
            "lastmile.auth.branding.name=Sibirnet",
            "lastmile.auth.branding.logo-url=https://isp.example/logo.png",
            "lastmile.auth.branding.primary-color=#aa3300",
            "lastmile.auth.cors.allowed-origins=https://cabinet.isp.example"
        })
class LoginPagesIT extends AuthServerTestBase {

    final HttpClient plain =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void speaksRussianToARussianBrowserAndEnglishOtherwise() throws Exception {
        HttpResponse<String> russian = page("/login", Map.of("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5"));
        HttpResponse<String> english = page("/login", Map.of("Accept-Language", "de-DE"));

        assertThat(russian.body())
                .contains("Вход для операторов")
                .contains("Пароль")
                .contains("lang=\"ru\"");
        assertThat(english.body()).contains("Operator sign in").contains("Password");
    }

    @Test
    void switchesLanguageOnRequestAndRemembersIt() {
        LoginFlow browser = operatorLogin();

        HttpResponse<String> switched = browser.get("/login?lang=ru");
        HttpResponse<String> next = browser.get("/login");

        assertThat(switched.body()).contains("Вход для операторов");
        assertThat(next.body()).contains("Вход для операторов").contains("English");
        assertThat(switched.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("lastmile-lang=ru")
                .contains("HttpOnly")
                .contains("SameSite=Lax"));
    }

    @Test
    void showsTheOperatorsBrandingAndColours() throws Exception {
        HttpResponse<String> login = page("/login", Map.of());
        HttpResponse<String> css = page("/branding.css", Map.of());

        assertThat(login.body()).contains("Sibirnet").contains("src=\"https://isp.example/logo.png\"");
        assertThat(css.body()).contains("--brand: #aa3300");
    }

    @Test
    void asksTheSubscriberForTheContractNumberThroughTheCabinetsClient() {
        HttpResponse<String> page = subscriberLogin().start();

        assertThat(page.body()).contains("Subscriber sign in").contains("Contract number");
    }

    @Test
    void sendsTheBrowserSecurityHeaders() throws Exception {
        HttpResponse<String> login = page("/login", Map.of());

        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'")
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'"));
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        // plain HTTP here: HSTS is sent on HTTPS requests only
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void setsAnHttpOnlyLaxSessionCookie() {
        LoginFlow browser = operatorLogin();

        // the authorization request is saved in the session while the browser goes to log in
        HttpResponse<String> authorize = browser.get(browser.authorizeUrl());

        assertThat(authorize.headers().allValues("Set-Cookie"))
                .filteredOn(c -> c.startsWith("JSESSIONID="))
                .singleElement()
                .satisfies(c -> assertThat(c)
                        .contains("HttpOnly")
                        .contains("SameSite=Lax")
                        .doesNotContain("Secure"));
    }

    @Test
    void refusesALoginFormPostedWithoutItsCsrfToken() {
        createOperator("csrf1", "Csrf-Operator-2024x", "noc");
        LoginFlow browser = operatorLogin();
        browser.start();

        HttpResponse<String> forged =
                browser.post("/login", Map.of("username", "csrf1", "password", "Csrf-Operator-2024x"));

        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void answersCorsOnlyForTheConfiguredOrigin() throws Exception {
        HttpResponse<String> allowed = preflight("https://cabinet.isp.example");
        HttpResponse<String> other = preflight("https://evil.example");

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://cabinet.isp.example");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(other.statusCode()).isEqualTo(403);
    }

    @Test
    void endsTheSessionThroughOidcLogout() {
        LoginFlow flow = operatorLogin();
        Map<String, Object> tokens = flow.login("admin", ADMIN_PASSWORD, UI_SECRET);

        HttpResponse<String> logout = flow.get("/connect/logout?id_token_hint=" + tokens.get("id_token")
                + "&post_logout_redirect_uri=" + PEER + "/bye");
        HttpResponse<String> again = flow.get(flow.authorizeUrl());

        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).hasValue(PEER + "/bye");
        assertThat(again.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        return plain.send(
                HttpRequest.newBuilder(URI.create(ISSUER + "/oauth2/token"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "POST")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> page(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(ISSUER + path)).GET();
        headers.forEach(request::header);
        return plain.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
