package io.lastmile.collector.traffic;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * billing's two traffic endpoints, as the wire contract has them: the subscriber map (with
 * If-None-Match) and usage batches. Answers are returned, never thrown: the callers decide what a
 * status means. The client is resolved on each call, so billing may be found (in the registry) later
 * than the collector starts.
 */
public final class BillingTraffic {

    static final String MAP = "/api/v1/traffic/map";
    static final String BATCHES = "/api/v1/traffic/batches";

    private final Supplier<RestClient> client;

    /** @param client billing's client, with the service token; may throw when billing is not known yet */
    public BillingTraffic(Supplier<RestClient> client) {
        this.client = client;
    }

    /** A client to {@code baseUrl} with timeouts, built on {@code builder} (which adds the token). */
    public static RestClient restClient(RestClient.Builder builder, String baseUrl, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(timeout);
        return builder.baseUrl(baseUrl).requestFactory(factory).build();
    }

    /**
     * @param status the HTTP status, or 0 when billing could not be reached (or not found)
     * @param body the answer's body (empty for 304), or what went wrong when status is 0
     */
    public record Answer(int status, byte[] body, String etag) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        static Answer unreachable(String why) {
            return new Answer(0, why.getBytes(StandardCharsets.UTF_8), null);
        }
    }

    public Answer fetchMap(String etag) {
        try {
            return client.get()
                    .get()
                    .uri(MAP)
                    .accept(MediaType.APPLICATION_JSON)
                    .headers(h -> {
                        if (etag != null) {
                            h.set(HttpHeaders.IF_NONE_MATCH, etag);
                        }
                    })
                    .exchange((request, response) -> new Answer(
                            response.getStatusCode().value(),
                            response.getBody().readAllBytes(),
                            response.getHeaders().getETag()));
        } catch (RestClientException e) {
            return Answer.unreachable(e.getMostSpecificCause().toString());
        } catch (IllegalStateException e) {
            return Answer.unreachable(e.getMessage());
        }
    }

    public Answer postBatch(byte[] body) {
        try {
            return client.get()
                    .post()
                    .uri(BATCHES)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                    .body(body)
                    .exchange((request, response) -> new Answer(
                            response.getStatusCode().value(), response.getBody().readAllBytes(), null));
        } catch (RestClientException e) {
            return Answer.unreachable(e.getMostSpecificCause().toString());
        } catch (IllegalStateException e) {
            return Answer.unreachable(e.getMessage());
        }
    }
}
