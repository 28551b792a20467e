package io.lastmile.billing.provisioning.http;

import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.OutputSink;
import io.lastmile.billing.provisioning.OutputSink.Stream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a provisioning HTTP request and says what the spool should do next. Unlike SHM, a 4xx is
 * a failure: the endpoint refused what we sent, and sending it again will not change that.
 *
 * <p>Redirects are never followed: following one would replay the Authorization header and the
 * body to wherever the server points, and a provisioning API that redirects means the template's
 * URL is out of date. The attempt fails with the Location named so the operator fixes the template.
 *
 * <p>{@code 408} and {@code 429} are the two 4xx that say "later, not never", so they retry.
 */
public final class HttpTransport implements AutoCloseable {

    /** The most of a response body written to the task log. */
    public static final int BODY_LOG_CAP = 64 * 1024;

    private static final Pattern CHARSET = Pattern.compile("charset=\"?([^\";]+)", Pattern.CASE_INSENSITIVE);

    private final HttpClient client;

    public HttpTransport(Duration connectTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public HttpTransport() {
        this(Duration.ofSeconds(10));
    }

    /**
     * Sends the request and waits at most {@code timeout} for the whole response, body included.
     * Never throws for a network or HTTP problem: every ending is an outcome.
     */
    public AttemptOutcome send(HttpRequestText request, Duration timeout, OutputSink sink) {
        sink.line(Stream.TRANSPORT, "> " + request.method() + " " + Secrets.uri(request.uri()));
        request.headers().forEach(h -> sink.line(Stream.TRANSPORT, "> " + Secrets.header(h.name(), h.value())));
        HttpRequest built;
        try {
            built = build(request, timeout);
        } catch (IllegalArgumentException e) {
            return fail(sink, null, "the request cannot be sent: " + e.getMessage());
        }
        CompletableFuture<HttpResponse<CappedBody.Bytes>> call =
                client.sendAsync(built, info -> new CappedBody(BODY_LOG_CAP));
        try {
            return classify(call.get(timeout.toMillis(), TimeUnit.MILLISECONDS), sink);
        } catch (TimeoutException e) {
            call.cancel(true);
            return retry(sink, null, "no complete response within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return retry(sink, null, "interrupted while waiting for the response");
        } catch (ExecutionException | CancellationException e) {
            return networkFailure(e.getCause() == null ? e : e.getCause(), timeout, sink);
        }
    }

    private static HttpRequest build(HttpRequestText request, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(timeout);
        request.headers().forEach(h -> builder.header(h.name(), h.value()));
        HttpRequest.BodyPublisher body = request.body().isEmpty()
                ? BodyPublishers.noBody()
                : BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8);
        return builder.method(request.method(), body).build();
    }

    private static AttemptOutcome classify(HttpResponse<CappedBody.Bytes> response, OutputSink sink) {
        int status = response.statusCode();
        sink.line(Stream.TRANSPORT, "< HTTP " + status);
        logBody(response, sink);
        String message = "HTTP " + status;
        if (status >= 200 && status < 300) {
            return AttemptOutcome.success(status, message);
        }
        if (status >= 300 && status < 400) {
            String location = response.headers().firstValue("Location").orElse("(no Location header)");
            return fail(
                    sink,
                    status,
                    message + ": redirected to " + location
                            + "; redirects are not followed, put the final URL in the template");
        }
        if (status == 408 || status == 429 || status >= 500) {
            return retry(sink, status, message + ": the server cannot answer now");
        }
        return fail(sink, status, message + ": the server refused the request; fix the template or the data");
    }

    private static void logBody(HttpResponse<CappedBody.Bytes> response, OutputSink sink) {
        CappedBody.Bytes body = response.body();
        if (body.bytes().length > 0) {
            String text = new String(body.bytes(), charset(response));
            text.lines().forEach(line -> sink.line(Stream.TRANSPORT, "< " + line));
        }
        if (body.cut()) {
            sink.line(Stream.TRANSPORT, "< (body cut after " + BODY_LOG_CAP + " bytes)");
        }
    }

    private static Charset charset(HttpResponse<?> response) {
        Matcher m =
                CHARSET.matcher(response.headers().firstValue("Content-Type").orElse(""));
        try {
            return m.find() ? Charset.forName(m.group(1).trim()) : StandardCharsets.UTF_8;
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Anything that kept us from getting an answer may pass later: timeouts, refused, reset. */
    private static AttemptOutcome networkFailure(Throwable error, Duration timeout, OutputSink sink) {
        if (error instanceof HttpTimeoutException) {
            return retry(sink, null, "no response within " + timeout.toMillis() + " ms (" + error.getMessage() + ")");
        }
        if (error instanceof IOException || error instanceof CancellationException) {
            return retry(sink, null, describe(error));
        }
        return fail(sink, null, "the request cannot be sent: " + describe(error));
    }

    private static String describe(Throwable error) {
        String name = error.getClass().getSimpleName();
        Throwable cause = error.getCause();
        String message = error.getMessage() != null
                ? error.getMessage()
                : cause != null && cause.getMessage() != null ? cause.getMessage() : "";
        return message.isBlank() ? name : name + ": " + message.replace('\n', ' ');
    }

    private static AttemptOutcome retry(OutputSink sink, Integer status, String message) {
        sink.line(Stream.TRANSPORT, "retry: " + message);
        return AttemptOutcome.retry(status, message);
    }

    private static AttemptOutcome fail(OutputSink sink, Integer status, String message) {
        sink.line(Stream.TRANSPORT, "fail: " + message);
        return AttemptOutcome.fail(status, message);
    }

    @Override
    public void close() {
        client.close();
    }
}
