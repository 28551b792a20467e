package io.lastmile.fiscal.provider.cloudpayments;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * CloudPayments' notifications, each set in the site's settings to its own address. The body is
 * read as raw bytes: Content-HMAC signs them exactly as sent.
 */
@RestController
class CloudPaymentsController {

    private static final Map<String, NotificationHandler.Kind> KINDS = Arrays.stream(NotificationHandler.Kind.values())
            .collect(Collectors.toUnmodifiableMap(k -> k.name().toLowerCase(Locale.ROOT), k -> k));

    private final NotificationHandler handler;

    CloudPaymentsController(NotificationHandler handler) {
        this.handler = handler;
    }

    /** One address per notification kind: {@code /pay/cloudpayments/check}, {@code .../pay}, ... */
    @PostMapping("/pay/cloudpayments/{notification}")
    ResponseEntity<Map<String, Integer>> notification(
            @PathVariable String notification,
            HttpServletRequest request,
            @RequestHeader(value = "Content-HMAC", required = false) String hmac,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String type) {
        NotificationHandler.Kind kind = KINDS.get(notification);
        if (kind == null) {
            return ResponseEntity.notFound().build();
        }
        return answer(handler.handle(kind, raw(request), hmac, type));
    }

    /**
     * The body exactly as it came. Spring would rebuild a form body from its parsed parameters
     * (re-encoding ':', spaces and hex), and the signature would no longer match the bytes signed.
     */
    private static byte[] raw(HttpServletRequest request) {
        try {
            return request.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the notification's body could not be read", e);
        }
    }

    private static ResponseEntity<Map<String, Integer>> answer(NotificationHandler.Answer answer) {
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(answer.httpStatus()).contentType(MediaType.APPLICATION_JSON);
        return answer.code() == null ? response.build() : response.body(Map.of("code", answer.code()));
    }
}
