package io.lastmile.platform.security;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

/** HTTP clients for other modules that carry this module's service token on every call. */
public class PeerClients {

    private final ServiceTokens tokens;

    public PeerClients(ServiceTokens tokens) {
        this.tokens = tokens;
    }

    public RestClient forBaseUrl(String baseUrl) {
        return RestClient.builder()
                .baseUrl(baseUrl)
                .requestInterceptor((request, body, execution) -> {
                    request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.accessToken());
                    return execution.execute(request, body);
                })
                .build();
    }
}
