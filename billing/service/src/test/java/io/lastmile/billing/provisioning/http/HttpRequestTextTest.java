package io.lastmile.billing.provisioning.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lastmile.billing.provisioning.http.HttpRequestText.Header;
import java.net.URI;
import org.junit.jupiter.api.Test;

class HttpRequestTextTest {

    @Test
    void readsMethodUrlHeadersAndBody() {
        HttpRequestText request =
                HttpRequestText.parse("\nPOST https://nas.example/api/users?id=7\r\nContent-Type: application/json\r\n"
                        + "X-Tag:  a:b \r\n\r\n{\"login\": \"u7\"}\nsecond line\n");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo(URI.create("https://nas.example/api/users?id=7"));
        assertThat(request.headers())
                .containsExactly(new Header("Content-Type", "application/json"), new Header("X-Tag", "a:b"));
        assertThat(request.body()).isEqualTo("{\"login\": \"u7\"}\nsecond line\n");
    }

    @Test
    void requestWithoutBlankLineOrBodyHasAnEmptyBody() {
        HttpRequestText request = HttpRequestText.parse("DELETE http://10.0.0.1:8080/users/7\nAccept: */*");
        assertThat(request.headers()).hasSize(1);
        assertThat(request.body()).isEmpty();
    }

    @Test
    void rejectsAnUnknownMethodNamingTheLine() {
        assertThatThrownBy(() -> HttpRequestText.parse("\n\nFETCH http://x/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("unknown method 'FETCH'");
    }

    @Test
    void rejectsAMissingMethod() {
        assertThatThrownBy(() -> HttpRequestText.parse("http://x/users"))
                .hasMessageContaining("line 1")
                .hasMessageContaining("expected 'METHOD URL'");
    }

    @Test
    void rejectsARelativeUrl() {
        assertThatThrownBy(() -> HttpRequestText.parse("GET /users/7"))
                .hasMessageContaining("line 1")
                .hasMessageContaining("not absolute");
    }

    @Test
    void rejectsANonHttpScheme() {
        assertThatThrownBy(() -> HttpRequestText.parse("GET ftp://x/users"))
                .hasMessageContaining("scheme 'ftp' is not supported");
    }

    @Test
    void rejectsAHeaderWithoutColonNamingItsLine() {
        assertThatThrownBy(() -> HttpRequestText.parse("GET http://x/\nAccept: */*\nAuthorization Bearer t\n\n"))
                .hasMessageContaining("line 3")
                .hasMessageContaining("expected a header 'Name: value'");
    }

    @Test
    void rejectsAHeaderNameWithSpaces() {
        assertThatThrownBy(() -> HttpRequestText.parse("GET http://x/\nX Token: 1"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("header name 'X Token'");
    }

    @Test
    void rejectsTransferEncodingForTheTransportFramesTheBody() {
        assertThatThrownBy(() -> HttpRequestText.parse("POST http://x/\nTransfer-Encoding: chunked\n\nbody"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("the header 'Transfer-Encoding' is set by the client itself");
    }

    @Test
    void rejectsHeadersTheClientSetsItself() {
        assertThatThrownBy(() -> HttpRequestText.parse("GET http://x/\nHost: y"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("'Host' is set by the client");
    }

    @Test
    void rejectsAnEmptyTemplate() {
        assertThatThrownBy(() -> HttpRequestText.parse(" \n\n")).hasMessageContaining("empty");
    }

    @Test
    void masksSecretLookingHeadersAndQueryValues() {
        assertThat(Secrets.header("Authorization", "Bearer abc")).isEqualTo("Authorization: ***");
        assertThat(Secrets.header("X-Api-Key", "abc")).isEqualTo("X-Api-Key: ***");
        assertThat(Secrets.header("Accept", "text/plain")).isEqualTo("Accept: text/plain");
        assertThat(Secrets.uri(URI.create("https://u:p@h/x?user=7&token=abc&api_key=z")))
                .isEqualTo("https://***@h/x?user=7&token=***&api_key=***");
    }
}
