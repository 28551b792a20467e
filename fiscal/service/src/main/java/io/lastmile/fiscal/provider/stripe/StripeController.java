package io.lastmile.fiscal.provider.stripe;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Stripe's webhook endpoint; the body is read as bytes, since the signature covers them exactly. */
@RestController
class StripeController {

    private final StripeWebhookHandler handler;

    StripeController(StripeWebhookHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/pay/stripe")
    ResponseEntity<Map<String, Object>> webhook(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(value = "Stripe-Signature", required = false) String signature) {
        StripeWebhookHandler.Answer answer = handler.handle(body == null ? new byte[0] : body, signature);
        return ResponseEntity.status(answer.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(answer.body());
    }
}
