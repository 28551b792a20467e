package io.lastmile.fiscal.provider.cloudpayments;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * CloudPayments' notifications, each set in the site's settings to its own address. The body is
 * read as bytes: Content-HMAC signs them exactly as sent.
 */
@RestController
class CloudPaymentsController {

    private final NotificationHandler handler;

    CloudPaymentsController(NotificationHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/pay/cloudpayments/check")
    ResponseEntity<Map<String, Integer>> check(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(value = "Content-HMAC", required = false) String hmac,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String type) {
        return answer(handler.handle(NotificationHandler.Kind.CHECK, bytes(body), hmac, type));
    }

    @PostMapping("/pay/cloudpayments/pay")
    ResponseEntity<Map<String, Integer>> pay(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(value = "Content-HMAC", required = false) String hmac,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String type) {
        return answer(handler.handle(NotificationHandler.Kind.PAY, bytes(body), hmac, type));
    }

    @PostMapping("/pay/cloudpayments/fail")
    ResponseEntity<Map<String, Integer>> fail(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(value = "Content-HMAC", required = false) String hmac,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String type) {
        return answer(handler.handle(NotificationHandler.Kind.FAIL, bytes(body), hmac, type));
    }

    @PostMapping("/pay/cloudpayments/refund")
    ResponseEntity<Map<String, Integer>> refund(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(value = "Content-HMAC", required = false) String hmac,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String type) {
        return answer(handler.handle(NotificationHandler.Kind.REFUND, bytes(body), hmac, type));
    }

    @PostMapping("/pay/cloudpayments/confirm")
    ResponseEntity<Map<String, Integer>> confirm(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(value = "Content-HMAC", required = false) String hmac,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String type) {
        return answer(handler.handle(NotificationHandler.Kind.CONFIRM, bytes(body), hmac, type));
    }

    @PostMapping("/pay/cloudpayments/cancel")
    ResponseEntity<Map<String, Integer>> cancel(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(value = "Content-HMAC", required = false) String hmac,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String type) {
        return answer(handler.handle(NotificationHandler.Kind.CANCEL, bytes(body), hmac, type));
    }

    private static byte[] bytes(byte[] body) {
        return body == null ? new byte[0] : body;
    }

    private static ResponseEntity<Map<String, Integer>> answer(NotificationHandler.Answer answer) {
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(answer.httpStatus()).contentType(MediaType.APPLICATION_JSON);
        return answer.code() == null ? response.build() : response.body(Map.of("code", answer.code()));
    }
}
