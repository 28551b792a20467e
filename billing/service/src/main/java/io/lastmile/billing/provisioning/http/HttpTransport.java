package io.lastmile.billing.provisioning.http;

import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.OutputSink;
import io.lastmile.billing.provisioning.OutputSink.Stream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends a provisioning HTTP request and says what the spool should do next. Unlike SHM, a 4xx is
 * a failure: the endpoint refused what we sent, and sending it again will not change that.
 *
 * <p>Redirects are never followed: following one would replay the Authorization header and the
 * body to wherever the server points, and a provisioning API that redirects means the template's
 * URL is out of date. The attempt fails with the Location named so the operator fixes the template.
 *
 * <p>{@code 408} and {@code 429} are the two 4xx that say "later, not never", so they retry.
 *
 * <p>Apache HttpClient's blocking client, not the JDK's: the spool's workers wait for each answer
 * anyway, and the JDK client spent four times the CPU per request (bench/spool). It never retries
 * by itself (the spool does, and logs each attempt), and a whole response, body included, must
 * arrive within the attempt's timeout or the request is cut off.
 */
public final class HttpTransport implements AutoCloseable {

    /** The most of a response body written to the task log. */
    public static final int BODY_LOG_CAP = 64 * 1024;

    /** Connections kept open to provisioning endpoints, each; more than the spool's workers. */
    private static final int CONNECTIONS = 128;

    private static final Pattern CHARSET = Pattern.compile("charset=\"?([^\";]+)", Pattern.CASE_INSENSITIVE);

    private final CloseableHttpClient client;
    private final ScheduledThreadPoolExecutor deadlines;

    public HttpTransport(Duration connectTimeout) {
        ConnectionConfig connections = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                // a connection idle for a while may have been closed by the server: check before reuse
                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                .setTimeToLive(TimeValue.ofMinutes(5))
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(CONNECTIONS)
                        .setMaxConnPerRoute(CONNECTIONS)
                        .setDefaultConnectionConfig(connections)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .setUserAgent("Lastmile provisioning")
                .build();
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "http-transport-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        deadlines.setRemoveOnCancelPolicy(true);
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
        HttpUriRequestBase call = build(request, timeout);
        ScheduledFuture<?> deadline = deadlines.schedule(call::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, call, null)) {
            Body body = read(response.getEntity(), call);
            if (call.isCancelled() && !body.cut()) {
                return retry(sink, null, "no complete response within " + timeout.toMillis() + " ms");
            }
            return classify(response, body, sink);
        } catch (IOException | RuntimeException e) {
            if (call.isCancelled()) {
                return retry(sink, null, "no complete response within " + timeout.toMillis() + " ms");
            }
            if (Thread.currentThread().isInterrupted()) {
                return retry(sink, null, "interrupted while waiting for the response");
            }
            return networkFailure(e, timeout, sink);
        } finally {
            deadline.cancel(false);
        }
    }

    private static HttpUriRequestBase build(HttpRequestText request, Duration timeout) {
        HttpUriRequestBase call = new HttpUriRequestBase(request.method(), request.uri());
        call.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(timeout))
                .setRedirectsEnabled(false)
                .build());
        request.headers().forEach(h -> call.addHeader(h.name(), h.value()));
        if (!request.body().isEmpty()) {
            // no content type of the transport's own: the template's headers say what the body is
            call.setEntity(new ByteArrayEntity(request.body().getBytes(StandardCharsets.UTF_8), null));
        }
        return call;
    }

    /** What was kept of a body, and whether it went on beyond the cap. */
    private record Body(byte[] bytes, boolean cut) {}

    /**
     * Keeps the first {@link #BODY_LOG_CAP} bytes of a body and drops the connection after that: a
     * misbehaving endpoint streaming megabytes must not fill the heap or the task log.
     */
    private static Body read(HttpEntity entity, HttpUriRequestBase call) throws IOException {
        if (entity == null) {
            return new Body(new byte[0], false);
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = entity.getContent()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                int room = BODY_LOG_CAP - kept.size();
                if (n > room) {
                    kept.write(buffer, 0, room);
                    call.cancel(); // closes the connection instead of reading the rest
                    return new Body(kept.toByteArray(), true);
                }
                kept.write(buffer, 0, n);
            }
        }
        return new Body(kept.toByteArray(), false);
    }

    private static AttemptOutcome classify(ClassicHttpResponse response, Body body, OutputSink sink) {
        int status = response.getCode();
        sink.line(Stream.TRANSPORT, "< HTTP " + status);
        logBody(response, body, sink);
        String message = "HTTP " + status;
        if (status >= 200 && status < 300) {
            return AttemptOutcome.success(status, message);
        }
        if (status >= 300 && status < 400) {
            Header header = response.getFirstHeader("Location");
            String location = header == null ? "(no Location header)" : header.getValue();
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

    private static void logBody(ClassicHttpResponse response, Body body, OutputSink sink) {
        if (body.bytes().length > 0) {
            String text = new String(body.bytes(), charset(response));
            text.lines().forEach(line -> sink.line(Stream.TRANSPORT, "< " + line));
        }
        if (body.cut()) {
            sink.line(Stream.TRANSPORT, "< (body cut after " + BODY_LOG_CAP + " bytes)");
        }
    }

    private static Charset charset(ClassicHttpResponse response) {
        Header type = response.getFirstHeader("Content-Type");
        Matcher m = CHARSET.matcher(type == null ? "" : type.getValue());
        try {
            return m.find() ? Charset.forName(m.group(1).trim()) : StandardCharsets.UTF_8;
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Anything that kept us from getting an answer may pass later: timeouts, refused, reset. */
    private static AttemptOutcome networkFailure(Throwable error, Duration timeout, OutputSink sink) {
        if (error instanceof SocketTimeoutException) {
            return retry(sink, null, "no response within " + timeout.toMillis() + " ms (" + error.getMessage() + ")");
        }
        if (error instanceof IOException) {
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
        deadlines.shutdownNow();
        client.close(CloseMode.IMMEDIATE);
    }
}
