package io.lastmile.fiscal.provider.cloudpayments;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * CloudPayments' notifications, each set in the site's settings to its own address. The body is
 * read as raw bytes: Content-HMAC signs them exactly as sent.
 */
@RestController
class CloudPaymentsController {

    private final NotificationHandler handler;

    CloudPaymentsController(NotificationHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/pay/cloudpayments/check")
    ResponseEntity<Map<String, Integer>> check(
            HttpServletRequest request,
            @RequestHeader(value = "Content-HMAC", required = false) String hmac,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String type) {
        return answer(handler.handle(NotificationHandler.Kind.CHECK, raw(request), hmac, type));
    }

    @PostMapping("/pay/cloudpayments/pay")
    ResponseEntity<Map<String, Integer>> pay(
            HttpServletRequest request,
            @RequestHeader(value = "Content-HMAC", required = false) String hmac,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String type) {
        return answer(handler.handle(NotificationHandler.Kind.PAY, raw(request), hmac, type));
    }

    @PostMapping("/pay/cloudpayments/fail")
    ResponseEntity<Map<String, Integer>> fail(
            HttpServletRequest request,
            @RequestHeader(value = "Content-HMAC", required = false) String hmac,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String type) {
        return answer(handler.handle(NotificationHandler.Kind.FAIL, raw(request), hmac, type));
    }

    @PostMapping("/pay/cloudpayments/refund")
    ResponseEntity<Map<String, Integer>> refund(
            HttpServletRequest request,
            @RequestHeader(value = "Content-HMAC", required = false) String hmac,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String type) {
        return answer(handler.handle(NotificationHandler.Kind.REFUND, raw(request), hmac, type));
    }

    @PostMapping("/pay/cloudpayments/confirm")
    ResponseEntity<Map<String, Integer>> confirm(
            HttpServletRequest request,
            @RequestHeader(value = "Content-HMAC", required = false) String hmac,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String type) {
        return answer(handler.handle(NotificationHandler.Kind.CONFIRM, raw(request), hmac, type));
    }

    @PostMapping("/pay/cloudpayments/cancel")
    ResponseEntity<Map<String, Integer>> cancel(
            HttpServletRequest request,
            @RequestHeader(value = "Content-HMAC", required = false) String hmac,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String type) {
        return answer(handler.handle(NotificationHandler.Kind.CANCEL, raw(request), hmac, type));
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
